import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The `clara` binary of this package. */
export const claraBin = join(import.meta.dirname, '..', 'bin', 'clara.mjs');

export interface ClaraRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `clara` binary from source (tsx) with extra environment, collecting its output. */
export function runClara(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin?: string,
): Promise<ClaraRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [claraBin, ...args], {
      env: { ...process.env, CLARA_FROM_SOURCE: '1', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}
