import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin, runClara } from '../../test/run-clara';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-invite-url-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('clara owner invite links to the running server', () => {
  it('uses the port the server on this data directory listens on (PORT), not the default', async () => {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const env = { CLARA_DATA_DIR: dataDir, PORT: undefined, CLARA_PUBLIC_URL: undefined };
    const child = spawn(process.execPath, [claraBin, 'serve'], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    });
    server = child;
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (d) => {
        seen += d;
        const match = /running at (http:\/\/\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    expect(url).toContain(`:${port}`);

    const invite = await runClara(['owner', 'invite', '--email', 'Me@Example.com'], env);
    expect(invite.code).toBe(0);
    const printed = JSON.parse(invite.stdout) as { sign_up_url: string };
    expect(printed.sign_up_url.startsWith(`${url}/admin/?invite=`)).toBe(true);
    expect(printed.sign_up_url).toContain('email=me%40example.com');

    // Stopped: the link keeps the port the server served at (owner-invite-stopped.test.ts), not PORT's.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const after = await runClara(['owner', 'invite', '--email', 'me@example.com'], env);
    expect(JSON.parse(after.stdout).sign_up_url).toContain(`:${port}/`);
  }, 240_000);
});
