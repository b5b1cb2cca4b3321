import { createNativeDatabase } from './native-postgres';
import { startSocketDatabase } from './pglite-socket';
import { testDatabaseServer } from './test-database';

/** A migrated database reachable at a `postgres://` URL, for tests that start whole servers on it. */
export interface WireDatabase {
  url: string;
  /** Native Postgres, or PGlite behind pglite-socket (one shared session). */
  server: 'postgres' | 'pglite-socket';
  /** Makes the database unreachable: stops pglite-socket, or drops the native database. */
  stop(): Promise<void>;
}

/**
 * With `CLARA_TEST_DATABASE=postgres`, a fresh migrated database on the native test server
 * (any number of connections, real row locks); otherwise PGlite behind pglite-socket, which
 * runs the transactions of its `maxConnections` connections one after another.
 */
export async function startWireDatabase(options: { maxConnections?: number } = {}): Promise<WireDatabase> {
  if (testDatabaseServer === 'postgres') {
    const db = await createNativeDatabase();
    return { url: db.url, server: 'postgres', stop: db.drop };
  }
  const socket = await startSocketDatabase(options);
  return { url: socket.url, server: 'pglite-socket', stop: socket.stop };
}
