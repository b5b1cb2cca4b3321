import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin } from '../../test/run-clara';

const dir = mkdtempSync(join(tmpdir(), 'clara-sigterm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function secondsUntilGone(pid: number, limitSeconds: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < limitSeconds * 1000) {
    if (!alive(pid)) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

describe('shutdown always completes (issue 18 #11)', () => {
  it('SIGTERM ends a server whose parent, holding its stdout/stderr pipes, has exited', async () => {
    // The parent starts `clara serve` with piped output, waits until it listens, and exits.
    const parent = join(dir, 'parent.mjs');
    const pidFile = join(dir, 'pid');
    writeFileSync(
      parent,
      `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const child = spawn(process.execPath, [${JSON.stringify(claraBin)}, 'serve', '--port', '0'], {
  env: { ...process.env, CLARA_DATA_DIR: ${JSON.stringify(join(dir, 'data'))}, LOG_LEVEL: 'info', CLARA_SHUTDOWN_TIMEOUT_MS: '5000' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let seen = '';
child.stdout.on('data', (d) => {
  seen += d;
  if (/running at/.test(seen)) { writeFileSync(${JSON.stringify(pidFile)}, String(child.pid)); process.exit(0); }
});
`,
    );
    const run = spawn(process.execPath, [parent], { stdio: 'ignore' });
    const code = await new Promise((resolve) => run.once('exit', resolve));
    expect(code).toBe(0);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    process.kill(pid, 'SIGTERM');
    try {
      // Shutdown timeout 5 s; the watchdog's margin is 5 s more.
      const took = await secondsUntilGone(pid, 15);
      expect(took).not.toBeNull();
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 180_000);

  it('the watchdog kills a process whose main thread is stuck (a synchronous loop)', async () => {
    const script = `import { armExitWatchdog } from ${JSON.stringify(join(import.meta.dirname, 'exit-watchdog.ts'))};
armExitWatchdog(1000);
process.stdout.write('armed\\n');
for (;;) {}`;
    const file = join(dir, 'stuck.mjs');
    writeFileSync(file, script);
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const started = Date.now();
    const signal = await new Promise((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);
});
