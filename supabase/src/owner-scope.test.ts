import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { withOwner } from './owner-scope';
import { createUser } from './repos/users';
import { createWorkspace } from './repos/workspaces';
import { createTestDatabase } from './testing/test-database';

/** Two owners with a pair, a session, a gap and a key each, for RLS checks on any driver. */
export async function seedTwoOwners(db: Database) {
  const owners = [];
  for (const name of ['a', 'b']) {
    const user = await createUser(db, `${name}-${Math.random().toString(36).slice(2)}@example.com`, 'hash');
    const ws = await createWorkspace(db, user.id, { name: `Workspace ${name}` });
    const [pair] = await db.query<{ id: string }>(
      "INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'q ' || $2, 'a') RETURNING id",
      [ws.id, name],
    );
    const [session] = await db.query<{ id: string }>(
      "INSERT INTO chat_sessions (workspace_id, session_token) VALUES ($1, 'tok-' || $2) RETURNING id",
      [ws.id, name],
    );
    await db.query("INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, 'gap ' || $2, $3)", [
      ws.id,
      name,
      session?.id,
    ]);
    await db.query(
      "INSERT INTO api_keys (workspace_id, provider, model, encrypted_key, key_last4) VALUES ($1, 'openai', 'gpt-4o', 'x:y:z', '1234')",
      [ws.id],
    );
    owners.push({ user, workspace: ws, pairId: pair?.id as string });
  }
  return owners as [(typeof owners)[0], (typeof owners)[0]];
}

/** The RLS assertions shared by the PGlite and the pg-over-the-wire tests. */
export async function expectOwnerIsolation(db: Database) {
  const [a, b] = await seedTwoOwners(db);
  await withOwner(db, a.user, async (tx) => {
    for (const table of ['workspaces', 'qa_pairs', 'chat_sessions', 'qa_gaps', 'api_keys']) {
      const column = table === 'workspaces' ? 'id' : 'workspace_id';
      const rows = await tx.query<{ ws: string }>(`SELECT ${column} AS ws FROM ${table}`);
      expect(rows.length, table).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.ws === a.workspace.id),
        table,
      ).toBe(true);
    }
    // Writes to B's rows touch nothing.
    const updated = await tx.query("UPDATE qa_pairs SET answer = 'hacked' WHERE id = $1 RETURNING id", [
      b.pairId,
    ]);
    expect(updated).toHaveLength(0);
    const deleted = await tx.query('DELETE FROM qa_gaps WHERE workspace_id = $1 RETURNING id', [
      b.workspace.id,
    ]);
    expect(deleted).toHaveLength(0);
    const settings = await tx.query(
      'UPDATE workspaces SET settings = settings || \'{"display_name":"x"}\' WHERE id = $1 RETURNING id',
      [b.workspace.id],
    );
    expect(settings).toHaveLength(0);
    // Inserting into B's workspace is refused by the policy.
    await expect(
      tx.query("INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'planted', 'x')", [
        b.workspace.id,
      ]),
    ).rejects.toThrow(/row-level security/);
  });
  // Own rows stay writable.
  const own = await withOwner(db, a.user, (tx) =>
    tx.query("UPDATE qa_pairs SET answer = 'updated' WHERE id = $1 RETURNING id", [a.pairId]),
  );
  expect(own).toHaveLength(1);
  const [bPair] = await db.query<{ answer: string }>('SELECT answer FROM qa_pairs WHERE id = $1', [b.pairId]);
  expect(bPair?.answer).toBe('a');
  // The RLS role does not leak past its transaction.
  const [who] = await db.query<{ current_user: string }>('SELECT current_user');
  expect(who?.current_user).not.toBe('authenticated');
  // Without claims, `authenticated` sees nothing at all.
  const anonymous = await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('role', 'authenticated', true)");
    return tx.query('SELECT id FROM qa_pairs');
  });
  expect(anonymous).toHaveLength(0);
}

describe('RLS through the owner path (PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('owner A can neither read nor change owner B rows', async () => {
    await expectOwnerIsolation(db);
  });
});
