/** The `clara` command as users run it: a bundle of the server built for the bench, run in child processes. */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const buildDir = fileURLToPath(new URL('../results/build/', import.meta.url));
export const cliPath = join(buildDir, 'cli.js');
const hooks = fileURLToPath(new URL('./child-hooks.mjs', import.meta.url));

// Rate limits are raised: a load generator is one IP sending thousands of messages a minute.
export const benchEnv = {
  LOG_LEVEL: 'silent',
  CLARA_CHAT_RATE_PER_IP: '100000',
  CLARA_CHAT_RATE_PER_SESSION: '100000',
};

let built: Promise<void> | undefined;

/**
 * Bundles `server/src/cli/main.ts` like the server's own build, but into bench/results/build/
 * (so the shared work tree's `server/dist` is left alone and the bench runs today's sources).
 */
export function buildCli(): Promise<void> {
  built ??= build({
    entryPoints: { cli: fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url)) },
    outdir: buildDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    plugins: [
      {
        name: 'externals',
        setup(b) {
          // Packages stay imports, pinned to the file each importer resolves today (the server's own
          // zod 4, not the root's), since the bundle does not sit inside server/.
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (
              args.path.startsWith('@clara/') ||
              args.path.startsWith('node:') ||
              args.pluginData === 'inner'
            )
              return undefined;
            const found = await b.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              pluginData: 'inner',
            });
            if (found.errors.length > 0 || !found.path.startsWith('/')) return { external: true };
            return { path: found.path, external: true };
          });
        },
      },
    ],
  }).then(() => undefined);
  return built;
}

/** Runs one `clara` command to completion with the bench's hooks; returns its JSON output and peak RSS. */
export async function clara(
  args: string[],
  env: Record<string, string>,
): Promise<{ json: Record<string, unknown>; maxRssMb: number; seconds: number }> {
  await buildCli();
  const t0 = performance.now();
  const { stdout, stderr } = await run(process.execPath, ['--import', hooks, cliPath, ...args], {
    env: { ...process.env, ...benchEnv, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  const seconds = (performance.now() - t0) / 1000;
  const rss = /BENCH_MAXRSS_KB (\d+)/.exec(stderr)?.[1];
  return { json: JSON.parse(stdout || '{}'), maxRssMb: Number(rss ?? Number.NaN) / 1024, seconds };
}

/**
 * A fresh data directory with one workspace (its pairs imported from a CSV through `clara import`).
 * With `databaseUrl`, the workspace lives there instead (after `clara migrate`); `env` is what
 * `serve()` needs to reach it.
 */
export async function prepareWorkspace(
  csv: string | null,
  options: { databaseUrl?: string } = {},
): Promise<{ dataDir: string; workspaceId: string; env: Record<string, string>; cleanup(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clara-bench-cli-'));
  const env: Record<string, string> = { CLARA_DATA_DIR: dataDir };
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    // Serving with DATABASE_URL requires it (production mode).
    env.CLARA_PUBLIC_URL = 'http://127.0.0.1';
    env.CLARA_ENCRYPTION_KEY = randomBytes(32).toString('hex');
    await clara(['migrate'], env);
  }
  const created = await clara(
    ['workspace', 'create', '--email', 'bench@example.com', '--password', 'a long bench password'],
    env,
  );
  const workspaceId = String(created.json.workspace_id);
  if (csv !== null) {
    const file = join(dataDir, 'pairs.csv');
    writeFileSync(file, csv);
    await clara(['import', file, '--workspace', workspaceId], env);
  }
  return { dataDir, workspaceId, env, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface ServeProcess {
  pid: number;
  url: string;
  /** Asks the child to collect garbage (twice) and report its memory (MB). */
  gcAndMeasure(): Promise<{ rssMb: number; heapUsedMb: number }>;
  stop(): Promise<void>;
}

/** Spawns `clara serve --port 0` (with `--expose-gc` and the bench's SIGUSR2 hook) and waits for its URL. */
export async function serve(dataDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  await buildCli();
  const child = spawn(process.execPath, ['--expose-gc', '--import', hooks, cliPath, 'serve', '--port', '0'], {
    env: { ...process.env, ...benchEnv, CLARA_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: ((line: string) => void)[] = [];
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => {
    stderr += String(d);
    for (const line of String(d).split('\n')) if (line.startsWith('BENCH_MEMORY ')) waiters.shift()?.(line);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`clara serve did not start: ${stderr.slice(-2000)}`)),
      120_000,
    );
    const check = () => {
      const m = /Clara is running at (http:\/\/\S+)/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`clara serve exited (${code}): ${stderr.slice(-2000)}`)));
  });
  const pid = child.pid ?? 0;
  return {
    pid,
    url,
    gcAndMeasure: () =>
      new Promise((resolve) => {
        waiters.push((line) => resolve(JSON.parse(line.slice('BENCH_MEMORY '.length))));
        child.kill('SIGUSR2');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
