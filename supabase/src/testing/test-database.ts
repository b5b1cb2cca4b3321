import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from '../database';
import { openPg } from '../drivers/pg-driver';
import { openPglite } from '../drivers/pglite-driver';
import { migrate } from '../migrate';
import { createNativeTestDatabase } from './native-postgres';

let snapshot: Promise<Blob> | undefined;

/** A migrated database image, made once per test process (a fresh PGlite takes seconds). */
async function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const db = await openPglite();
    await migrate(db);
    const blob = await db.pglite.dumpDataDir('none');
    await db.close();
    return blob;
  })();
  return snapshot;
}

/**
 * The `pg` driver over the wire against the same migrated image, served by pglite-socket
 * (`CLARA_TEST_DATABASE=pg`): how CI runs the suites on the DATABASE_URL path. One pooled
 * connection, since pglite-socket shares one Postgres session between connections.
 */
async function wireDatabase(image: Blob): Promise<Database> {
  const pglite = await PGlite.create({ extensions: { vector }, loadDataDir: image });
  const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  const port = (server as unknown as { port: number }).port;
  const db = await openPg({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, max: 1 });
  return {
    ...db,
    async close() {
      await db.close();
      await server.stop();
      await pglite.close();
    },
  };
}

/**
 * Where the test databases live (`CLARA_TEST_DATABASE`): `pglite` (default, in-process),
 * `postgres` (native Postgres + pgvector at `CLARA_TEST_DATABASE_URL`, one fresh database per
 * call; what CI runs, see scripts/test-postgres.sh) or `pg` (PGlite behind pglite-socket).
 */
export const testDatabaseServer: 'pglite' | 'postgres' | 'pglite-socket' =
  process.env.CLARA_TEST_DATABASE === 'postgres'
    ? 'postgres'
    : process.env.CLARA_TEST_DATABASE === 'pg'
      ? 'pglite-socket'
      : 'pglite';

/** Which driver the test databases use: `pglite` (default) or `pg` (over the wire). */
export const testDatabaseKind: 'pglite' | 'pg' = testDatabaseServer === 'pglite' ? 'pglite' : 'pg';

/** A fresh database with every migration applied, for tests: in-memory PGlite, or `pg` over the wire. */
export async function createTestDatabase(): Promise<Database> {
  if (testDatabaseServer === 'postgres') return createNativeTestDatabase();
  const image = await migratedSnapshot();
  if (testDatabaseServer === 'pglite-socket') return wireDatabase(image);
  return openPglite({ loadDataDir: image });
}
