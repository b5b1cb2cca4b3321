import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrate, readMigrations } from '../migrate';
import { withOwner } from '../owner-scope';
import { expectOwnerIsolation } from '../owner-scope.test';
import { createUser } from '../repos/users';
import { createWorkspace } from '../repos/workspaces';
import { type SocketDatabase, startSocketDatabase } from '../testing/pglite-socket';
import { supabaseFingerprintSql, supabaseSimulationSql } from '../testing/supabase-sim';
import { openPg } from './pg-driver';

// `clara migrate` over DATABASE_URL against a database that already has Supabase's `auth`
// and `storage` objects (simulated on PGlite, served over the wire by pglite-socket).
describe('migrate over the wire on a Supabase-shaped database', () => {
  let server: SocketDatabase;
  let db: Database;
  let before: Record<string, unknown>;

  beforeAll(async () => {
    server = await startSocketDatabase({ setupSql: supabaseSimulationSql });
    db = await openPg({ connectionString: server.url, max: 1 });
    [before = {}] = await db.query(supabaseFingerprintSql);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  it('applies every migration once; the compat bootstrap leaves Supabase objects as they were', async () => {
    const first = await migrate(db);
    expect(first.applied).toEqual(readMigrations().map((m) => m.version));
    expect((await migrate(db)).applied).toEqual([]);
    const [after] = await db.query(supabaseFingerprintSql);
    expect(after).toEqual(before);
    expect(before.users_columns).toContain('instance_id');
  });

  it('ran Migration 5A-2: the public chatbot-assets bucket and its three policies', async () => {
    const buckets = await db.query('SELECT id, name, public FROM storage.buckets');
    expect(buckets).toEqual([{ id: 'chatbot-assets', name: 'chatbot-assets', public: true }]);
    const policies = await db.query<{ policyname: string; cmd: string }>(
      "SELECT policyname, cmd FROM pg_policies WHERE schemaname = 'storage' AND tablename = 'objects' ORDER BY policyname",
    );
    expect(policies).toEqual([
      { policyname: 'Public read chatbot assets', cmd: 'SELECT' },
      { policyname: 'Users can delete own chatbot assets', cmd: 'DELETE' },
      { policyname: 'Users can upload chatbot assets', cmd: 'INSERT' },
    ]);
  });

  it("enforces the storage policies: an owner writes only under their workspace's folder", async () => {
    const a = await createUser(db, 'storage-a@example.com', 'hash');
    const b = await createUser(db, 'storage-b@example.com', 'hash');
    const wsA = await createWorkspace(db, a.id);
    const wsB = await createWorkspace(db, b.id);
    await withOwner(db, a, (tx) =>
      tx.query("INSERT INTO storage.objects (bucket_id, name) VALUES ('chatbot-assets', $1)", [
        `${wsA.id}/avatar.png`,
      ]),
    );
    await expect(
      withOwner(db, a, (tx) =>
        tx.query("INSERT INTO storage.objects (bucket_id, name) VALUES ('chatbot-assets', $1)", [
          `${wsB.id}/avatar.png`,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    const deleted = await withOwner(db, b, (tx) =>
      tx.query('DELETE FROM storage.objects WHERE name = $1 RETURNING id', [`${wsA.id}/avatar.png`]),
    );
    expect(deleted).toHaveLength(0);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM storage.objects');
    expect(row?.n).toBe(1);
  });

  it('enforces the seed RLS on the owner path', async () => {
    await expectOwnerIsolation(db);
  });
});
