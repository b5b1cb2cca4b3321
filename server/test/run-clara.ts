import { spawn } from 'node:child_process';
import { inject } from 'vitest';

/**
 * The `clara` binary of this package, as the run's global setup built it from the current sources
 * (test/setup/clara-bin.ts): bin/clara.mjs over an esbuild bundle, or over the sources through
 * tsx when the run was started with CLARA_FROM_SOURCE set.
 */
export const claraBin = inject('claraBin');

export interface ClaraRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `clara` binary (`claraBin`) with extra environment, collecting its output. */
export function runClara(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin?: string,
): Promise<ClaraRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [claraBin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
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
