import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Database } from '../database';
import { openPg } from '../drivers/pg-driver';
import { openPglite } from '../drivers/pglite-driver';
import { migrate, readMigrations } from '../migrate';
import { createNativeTestDatabase } from './native-postgres';

let snapshot: Promise<Blob> | undefined;

/**
 * Where the migrated image is kept between test processes: a file in the temporary folder named
 * by a hash of every migration and the PGlite version, so a changed migration makes a new image.
 * Vitest runs each test file in its own process, and a fresh PGlite plus migrations takes about
 * 4 s there against about 1 s to load the image.
 */
function imageFile(): string {
  const hash = createHash('sha256');
  // The package does not export its package.json: the sizes of its entry, Postgres build and data.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (const file of ['index.cjs', 'pglite.wasm', 'pglite.data']) {
    const path = join(dirname(entry), file);
    hash.update(`${file} ${existsSync(path) ? statSync(path).size : 0}\n`);
  }
  for (const m of readMigrations()) hash.update(`${m.version} ${m.name}\n${m.sql}\n`);
  return join(tmpdir(), `clara-test-image-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function buildImage(): Promise<Blob> {
  const db = await openPglite();
  await migrate(db);
  const blob = await db.pglite.dumpDataDir('none');
  await db.close();
  return blob;
}

/** A migrated database image: read from the shared file, or made once and written there. */
async function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const file = imageFile();
    try {
      return new Blob([readFileSync(file)]);
    } catch {
      const blob = await buildImage();
      // Written beside and renamed, so a process running in parallel never reads half an image.
      const partial = `${file}.${randomUUID()}.partial`;
      try {
        writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
        renameSync(partial, file);
      } catch {
        // A read-only or full temporary folder only costs the next process the build.
      }
      return blob;
    }
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
