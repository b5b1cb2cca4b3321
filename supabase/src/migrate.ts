import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Database, SqlExecutor } from './database';

// Arbitrary but fixed: every Clara instance takes the same advisory lock to migrate.
const migrationLockKey = 7_236_917_401;
const fileName = /^(\d{14})_([a-z0-9_]+)\.sql$/;

/** The migrations folder shipped with @clara/supabase (Supabase CLI layout). */
export function migrationsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@clara/supabase/package.json')), 'migrations');
}

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => fileName.test(f))
    .sort()
    .map((f) => {
      const [, version = '', name = ''] = fileName.exec(f) ?? [];
      return { version, name, sql: readFileSync(join(dir, f), 'utf8') };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Applies pending migrations in one transaction under an advisory lock, recording each
 * in `supabase_migrations.schema_migrations` as the Supabase CLI does. Safe to run from
 * several instances at once and to re-run.
 */
export async function migrate(db: Database, dir?: string): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  return db.transaction(async (tx) => {
    // Waiting for another instance's migration, or building an index on a big table, may take
    // longer than the pool's per-transaction statement timeout.
    await tx.query("SELECT set_config('statement_timeout', '0', true)");
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS supabase_migrations;
      CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (
        version text NOT NULL PRIMARY KEY,
        statements text[],
        name text
      );`);
    const rows = await tx.query<{ version: string }>(
      'SELECT version FROM supabase_migrations.schema_migrations',
    );
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query(
        'INSERT INTO supabase_migrations.schema_migrations (version, statements, name) VALUES ($1, $2, $3)',
        [m.version, [m.sql], m.name],
      );
      applied.push(m.version);
    }
    return { applied, alreadyApplied: [...done].sort() };
  });
}

/**
 * The versions of the migration files not recorded as applied in
 * `supabase_migrations.schema_migrations` (every file on a database never migrated), oldest
 * first. Read-only: what a readiness check asks before an instance takes traffic.
 */
export async function pendingMigrations(db: SqlExecutor, dir?: string): Promise<string[]> {
  const versions = readMigrations(dir).map((m) => m.version);
  const [table] = await db.query<{ name: string | null }>(
    "SELECT to_regclass('supabase_migrations.schema_migrations')::text AS name",
  );
  if (!table?.name) return versions;
  const rows = await db.query<{ version: string }>(
    'SELECT version FROM supabase_migrations.schema_migrations',
  );
  const applied = new Set(rows.map((r) => r.version));
  return versions.filter((v) => !applied.has(v));
}

/**
 * The operator's hint for `count` pending migrations ("2 database migrations are pending: run
 * clara migrate."), worded once for `/readyz` and the start-up check.
 */
export function pendingMigrationsMessage(count: number): string {
  return `${count} database migration${count === 1 ? ' is' : 's are'} pending: run clara migrate.`;
}
