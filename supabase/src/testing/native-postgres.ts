import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../database';
import { openPg } from '../drivers/pg-driver';
import { migrate, readMigrations } from '../migrate';

/**
 * The Postgres server the suites run on with `CLARA_TEST_DATABASE=postgres`: an admin URL
 * (a superuser on its `postgres` database) from `CLARA_TEST_DATABASE_URL`, as
 * `scripts/test-postgres.sh` exports it.
 */
export function nativeTestServerUrl(): string {
  const url = process.env.CLARA_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'CLARA_TEST_DATABASE=postgres needs CLARA_TEST_DATABASE_URL: run the tests under `scripts/test-postgres.sh run -- …`',
    );
  }
  return url;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Same key in every test process: one of them builds a template, the others wait for it.
const templateLockKey = 7_236_917_402;
const templates = new Map<string, Promise<string>>();

/**
 * A database with every migration applied, named after the migrations' contents so a
 * long-running developer server gets a new one when they change. Built once per server
 * (under an advisory lock, renamed into place only when complete) and never connected to
 * afterwards, so `CREATE DATABASE … TEMPLATE` can copy it.
 */
function migratedTemplate(serverUrl: string): Promise<string> {
  let template = templates.get(serverUrl);
  if (!template) {
    template = buildTemplate(serverUrl);
    templates.set(serverUrl, template);
  }
  return template;
}

async function buildTemplate(serverUrl: string): Promise<string> {
  const digest = createHash('sha256');
  for (const m of readMigrations()) digest.update(`${m.version}\n${m.sql}\n`);
  const name = `clara_template_${digest.digest('hex').slice(0, 12)}`;
  const building = `${name}_building`;
  return withAdmin(serverUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [templateLockKey]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return name;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const db = await openPg({ connectionString: databaseUrl(serverUrl, building), max: 1 });
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [templateLockKey]);
    }
  });
}

/** A database on the native test server, and how to drop it. */
export interface NativeDatabase {
  url: string;
  /** Drops the database, ending its connections (`WITH (FORCE)`). */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database on the native test server, copied from the template (tens of
 * milliseconds); `{ empty: true }`: one never migrated, for `clara migrate` itself. Every test
 * file gets its own, so suites stay isolated while sharing one server; the roles the
 * migrations create (`anon`, `authenticated`, `service_role`) are the server's, as on Supabase.
 */
export async function createNativeDatabase(options: { empty?: boolean } = {}): Promise<NativeDatabase> {
  const serverUrl = nativeTestServerUrl();
  const template = options.empty ? 'template1' : await migratedTemplate(serverUrl);
  const name = `clara_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: databaseUrl(serverUrl, name),
    drop: () =>
      withAdmin(
        serverUrl,
        async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      ),
  };
}

/** `createNativeDatabase()` opened with the `pg` driver; `close()` drops it. */
export async function createNativeTestDatabase(options: { max?: number } = {}): Promise<Database> {
  const created = await createNativeDatabase();
  const db = await openPg({ connectionString: created.url, max: options.max ?? 10 });
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}
