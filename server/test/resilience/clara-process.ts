import { type ChildProcess, spawn } from 'node:child_process';
import { claraBin as bin } from '../run-clara';

/** Environment for a spawned `clara` over `dataDir` (quiet logs). */
export const claraEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  CLARA_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  CLARA_CHAT_RATE_PER_IP: '100000',
  CLARA_CHAT_RATE_PER_SESSION: '100000',
  ...extra,
});

/** Starts `clara ARGS…` and collects its output. */
export function spawnClara(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [bin, ...args], { env });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, out, exited };
}

/** Runs `clara ARGS…` to completion (bounded). */
export async function runClara(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000) {
  const run = spawnClara(args, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  const { code } = await run.exited;
  clearTimeout(timer);
  return { code, ...run.out };
}

/** Starts `clara serve` on a random port and resolves once it is listening. */
export async function serveClara(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcess; exited: Promise<unknown> }> {
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const run = spawnClara(['serve', '--port', String(port)], env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clara serve did not start: ${run.out.stderr}`)), 90_000);
    run.child.stdout.on('data', () => {
      const match = /running at (http:\/\/\S+)/.exec(run.out.stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    run.child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`clara serve exited with ${code}: ${run.out.stderr}`));
    });
  });
  return { url, child: run.child, exited: run.exited };
}

/** kill -9, and wait until the process is gone. */
export async function killHard(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  child.kill('SIGKILL');
  await exited;
}
