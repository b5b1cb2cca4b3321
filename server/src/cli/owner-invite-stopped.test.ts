import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin, runClara } from '../../test/run-clara';

const parent = mkdtempSync(join(tmpdir(), 'clara-invite-stopped-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(parent, { recursive: true, force: true });
});

const clean = { PORT: undefined, HOST: undefined, CLARA_PUBLIC_URL: undefined, DATABASE_URL: undefined };

/** Runs `clara owner invite` and returns its link and the line naming the URL it used. */
async function invite(env: Record<string, string | undefined>, extra: string[] = []) {
  const res = await runClara(['owner', 'invite', '--email', 'me@example.com', ...extra], {
    ...clean,
    ...env,
  });
  expect(res.code, res.stderr).toBe(0);
  const printed = JSON.parse(res.stdout) as { sign_up_url: string; base_url: string };
  const used = res.stderr.split('\n').find((l) => l.startsWith('sign-up link uses '));
  expect(printed.sign_up_url.startsWith(`${printed.base_url}/admin/?invite=`)).toBe(true);
  return { ...printed, used };
}

/** Starts `clara start --port N` (what `npm start -- --port N` runs) and waits for its URL. */
function start(dataDir: string, port: number): Promise<string> {
  const child = spawn(process.execPath, [claraBin, 'start', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...clean, CLARA_DATA_DIR: dataDir },
  });
  server = child;
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (d) => {
      seen += d;
      const match = /running at (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

describe('clara owner invite while the server is stopped', () => {
  it('links to the port `clara start --port N` served at, and says so', async () => {
    const dataDir = join(parent, 'started');
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const url = await start(dataDir, port);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const running = await invite({ CLARA_DATA_DIR: dataDir });
    expect(running.base_url).toBe(url);
    expect(running.used).toBe(`sign-up link uses ${url} (the server running on this data directory)`);

    const child = server as ChildProcess;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    server = undefined;
    const record = JSON.parse(readFileSync(join(dataDir, 'server-url.json'), 'utf8'));
    expect(record).toMatchObject({ url, pid: child.pid, stopped_at: expect.any(String) });

    // Stopped: still the port it served at, not PORT's 3000, and the line says it is not running.
    const stopped = await invite({ CLARA_DATA_DIR: dataDir });
    expect(stopped.base_url).toBe(url);
    expect(stopped.used).toMatch(/last ran on this data directory; it is not running now/);

    // The options choose another base; CLARA_PUBLIC_URL comes before the recorded server.
    const byPort = await invite({ CLARA_DATA_DIR: dataDir }, ['--port', '4555']);
    expect(byPort.base_url).toBe('http://127.0.0.1:4555');
    expect(byPort.used).toBe('sign-up link uses http://127.0.0.1:4555 (--port)');
    const byUrl = await invite({ CLARA_DATA_DIR: dataDir, CLARA_PUBLIC_URL: 'https://env.example.com' }, [
      '--base-url',
      'https://clara.example.com/',
    ]);
    expect(byUrl.sign_up_url.startsWith('https://clara.example.com/admin/?invite=')).toBe(true);
    expect(byUrl.used).toBe('sign-up link uses https://clara.example.com (--base-url)');
    const byEnv = await invite({ CLARA_DATA_DIR: dataDir, CLARA_PUBLIC_URL: 'https://env.example.com' });
    expect(byEnv.base_url).toBe('https://env.example.com');
    expect(byEnv.used).toMatch(/\(CLARA_PUBLIC_URL\)$/);
  }, 240_000);

  it('a crashed server (killed) leaves its URL too; a data directory never served uses HOST and PORT', async () => {
    const dataDir = join(parent, 'killed');
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const url = await start(dataDir, port);
    const child = server as ChildProcess;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    server = undefined;
    const after = await invite({ CLARA_DATA_DIR: dataDir });
    expect(after.base_url).toBe(url);
    expect(after.used).toMatch(/it is not running now/);

    const never = await invite({ CLARA_DATA_DIR: join(parent, 'never'), HOST: '0.0.0.0', PORT: '4777' });
    expect(never.base_url).toBe('http://localhost:4777');
    expect(never.used).toMatch(/\(HOST and PORT; no server has run on this data directory/);
  }, 240_000);

  it('refuses a bad --base-url or --port, and both at once', async () => {
    const env = { ...clean, CLARA_DATA_DIR: join(parent, 'bad') };
    for (const extra of [
      ['--base-url', 'ftp://clara.example.com'],
      ['--port', '0'],
      ['--port', 'x'],
      ['--base-url', 'https://a.example.com', '--port', '4000'],
    ]) {
      const res = await runClara(['owner', 'invite', '--email', 'me@example.com', ...extra], env);
      expect(res.code, extra.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
    }
  }, 120_000);
});
