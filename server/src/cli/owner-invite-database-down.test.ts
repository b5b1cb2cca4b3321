import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

// `clara owner invite` needs only the master key: with DATABASE_URL set and that database down
// (a stopped cluster: nothing listens) or silent (a proxy that accepts and never answers), it
// still issues the invite, waits at most a few seconds for the optional "already an account?"
// check, and says in one line why that check was not made.
const dataDir = mkdtempSync(join(tmpdir(), 'clara-invite-db-down-'));
const sockets = new Set<Socket>();
let silent: Server;
let silentPort = 0;
let stoppedPort = 0;
/** How long the run against the stopped database took: start-up and the invite, no wait. */
let noWaitSeconds = 0;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  stoppedPort = await freePort();
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const invite = async (databaseUrl: string) => {
  const started = Date.now();
  const res = await runClara(['owner', 'invite', '--email', 'new@example.com'], {
    DATABASE_URL: databaseUrl,
    CLARA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CLARA_PUBLIC_URL: 'https://kb.example.com',
    CLARA_DATA_DIR: dataDir,
    PORT: undefined,
    HOST: undefined,
  });
  return { ...res, seconds: (Date.now() - started) / 1000 };
};

const notes = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('could not check'));

describe('clara owner invite with DATABASE_URL and the database down', { timeout: 60_000 }, () => {
  it('a stopped database (connection refused): the invite, and one line saying the database is unreachable', async () => {
    const res = await invite(`postgres://clara:s3cret-pw@127.0.0.1:${stoppedPort}/clara`);
    noWaitSeconds = res.seconds;
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).sign_up_url).toMatch(/^https:\/\/kb\.example\.com\/admin\/\?invite=/);
    expect(notes(res.stderr)).toEqual([
      `could not check whether new@example.com already has an account (the database at 127.0.0.1:${stoppedPort} is unreachable); the invite is issued, and an existing account is refused at sign-up`,
    ]);
    expect(res.stderr).not.toContain('s3cret-pw');
  });

  it('a database that never answers: the check gives up after 3 s, the invite is issued', async () => {
    const res = await invite(`postgres://clara:s3cret-pw@127.0.0.1:${silentPort}/clara`);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).email).toBe('new@example.com');
    expect(notes(res.stderr)).toEqual([
      `could not check whether new@example.com already has an account (the database at 127.0.0.1:${silentPort} did not answer within 3 s); the invite is issued, and an existing account is refused at sign-up`,
    ]);
    // The wait is 3 s, not the pool's 10: measured beside the run that did not wait, so the
    // start-up time of a busy machine counts on both sides.
    expect(res.seconds - noWaitSeconds).toBeLessThan(3 + 4.5);
    expect(res.stderr).not.toContain('s3cret-pw');
  });
});
