import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createNativeDatabase,
  nativeTestServerUrl,
  startSocketDatabase,
  testDatabaseServer,
} from '@clara/supabase/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

// A database that was never migrated, and databases that cannot be used: one line on stderr
// naming host:port/database and what to do, never a stack trace or the password.
const native = testDatabaseServer === 'postgres';
const root = mkdtempSync(join(tmpdir(), 'clara-db-not-ready-'));
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  if (native) {
    const db = await createNativeDatabase({ empty: true });
    url = db.url;
    stop = db.drop;
  } else {
    const db = await startSocketDatabase();
    url = db.url;
    stop = db.stop;
  }
}, 60_000);
afterAll(async () => {
  await stop?.();
  rmSync(root, { recursive: true, force: true });
});

const env = (databaseUrl: string) => ({
  CLARA_DATA_DIR: join(root, 'data'),
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: '1',
  CLARA_PUBLIC_URL: 'https://clara.example.com',
  CLARA_ENCRYPTION_KEY: 'f6'.repeat(32),
});

function expectOneLine(res: { code: number | null; stderr: string; stdout: string }, text: string) {
  expect(res.code).toBe(1);
  expect(res.stderr).toContain(text);
  expect(res.stderr).not.toContain('unexpected error');
  expect(res.stderr).not.toMatch(/\n\s+at /);
  expect(res.stdout).not.toContain('running at');
}

describe('a database that was never migrated', () => {
  it('clara serve and clara start refuse with the pending-migrations hint', async () => {
    for (const command of ['serve', 'start']) {
      const res = await runClara([command, '--port', '0'], env(url));
      expectOneLine(res, 'database migrations are pending: run clara migrate.');
      expect(res.stderr).not.toContain('import_jobs');
    }
  });

  it('another command names the database and says to run clara migrate', async () => {
    const res = await runClara(
      ['workspace', 'create', '--email', 'owner@example.com', '--password', 'a long password'],
      env(url),
    );
    const where = new URL(url);
    expectOneLine(res, `at ${where.hostname}:${where.port}${where.pathname} is missing Clara's tables`);
    expect(res.stderr).toContain('run clara migrate');
  });
});

describe('a database that cannot be reached or used', () => {
  it('nothing listening: "cannot reach Postgres at host:port/database"', async () => {
    const res = await runClara(['migrate'], env('postgres://clara:s3cret-pw@127.0.0.1:1/claradb'));
    expectOneLine(res, 'cannot reach Postgres at 127.0.0.1:1/claradb');
    expect(res.stderr).not.toContain('s3cret-pw');
  });

  it.runIf(native)('a wrong database name, a wrong role, a wrong password (native Postgres)', async () => {
    const server = new URL(nativeTestServerUrl());
    const at = (user: string, password: string, database: string) => {
      const u = new URL(server.toString());
      u.username = user;
      u.password = password;
      u.pathname = `/${database}`;
      return u.toString();
    };
    const where = `${server.hostname}:${server.port}`;
    const noDb = await runClara(['migrate'], env(at(server.username, '', 'clara_no_such_db')));
    expectOneLine(noDb, `the database at ${where}/clara_no_such_db does not exist`);
    const noRole = await runClara(['migrate'], env(at('clara_no_such_role', 'pw-secret-1', 'postgres')));
    expectOneLine(noRole, `refused the role "clara_no_such_role"`);
    expect(noRole.stderr).toContain(`${where}/postgres`);
    expect(noRole.stderr).not.toContain('pw-secret-1');
  });

  it.runIf(native)('clara migrate as a role that may not create roles (native Postgres)', async () => {
    const role = `clara_app_${process.pid}`;
    const admin = new pg.Client({ connectionString: nativeTestServerUrl() });
    await admin.connect();
    const created = await createNativeDatabase({ empty: true });
    const database = new URL(created.url).pathname.slice(1);
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pw-secret'`);
      await admin.query(`ALTER DATABASE ${database} OWNER TO ${role}`);
      const u = new URL(created.url);
      u.username = role;
      u.password = 'app-pw-secret';
      const res = await runClara(['migrate'], env(u.toString()));
      expectOneLine(res, 'clara migrate needs a role that may create roles');
      expect(res.stderr).toContain(`the role "${role}" at ${u.hostname}:${u.port}/${database}`);
      expect(res.stderr).not.toContain('app-pw-secret');
    } finally {
      await created.drop();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});
