import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin, runClara } from '../../test/run-clara';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-lock-cli-'));
const env = { CLARA_DATA_DIR: dataDir };
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function serve(): Promise<ChildProcess> {
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const child = spawn(process.execPath, [claraBin, 'serve', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (d) => {
      seen += d;
      if (/running at http/.test(seen)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const create = (email: string) =>
  runClara(['workspace', 'create', '--email', email, '--password', 'a long password'], env);

describe('one writer per embedded data directory (issue 18 #1)', () => {
  it('a CLI write while `clara serve` runs fails at once with the holder and what to do; nothing is written', async () => {
    server = await serve();
    const refused = await create('second@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`in use by process ${server.pid} (clara serve`);
    expect(refused.stderr).toMatch(/Stop that Clara .* and run this command again/);
    expect(refused.stderr).not.toContain('a long password');
  });

  it('after the server is killed (-9) the stale lock is taken over and the write lands for good', async () => {
    const pid = server?.pid;
    server?.kill('SIGKILL');
    await new Promise((resolve) => server?.once('exit', resolve));
    const created = await create('second@example.com');
    expect(created.code, created.stderr).toBe(0);
    // Still there for the next process: the same email is now taken.
    const again = await create('second@example.com');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(again.stderr).not.toContain(`process ${pid}`);
    // Issue 18 #7: private from the first start.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'PG_VERSION')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });
});
