import type { Database } from '../database';
import { openPglite } from '../drivers/pglite-driver';
import { migrate } from '../migrate';

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

/** A fresh in-memory PGlite with every migration applied, for tests. */
export async function createTestDatabase(): Promise<Database> {
  return openPglite({ loadDataDir: await migratedSnapshot() });
}
