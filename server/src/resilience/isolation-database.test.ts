/**
 * Isolation in the database (issue 11, item 7): as role `authenticated` with owner B's claims,
 * every table of the public schema is tried on owner A's rows: SELECT, UPDATE, DELETE and
 * INSERT reach nothing (0 rows or an RLS / permission error). Tables are discovered from
 * `pg_tables`, so a new table without RLS fails this suite.
 */
import { randomUUID } from 'node:crypto';
import { createUser, createWorkspace, type Database, type SqlExecutor, withOwner } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../test/resilience/report';

interface Owner {
  user: { id: string; email: string };
  workspaceId: string;
}

interface TableInfo {
  name: string;
  rls: boolean;
  scoped: boolean;
  policies: number;
}

let db: Database;
let a: Owner;
let b: Owner;
let tables: TableInfo[];
const denied = /row-level security|permission denied/;
const tally = { attempts: 0, rowsReached: 0 };
const embedding = `[${Array(1536).fill(0.01).join(',')}]`;

/** One of everything a workspace owns, in each workspace-scoped table. */
async function seedOwner(name: string): Promise<Owner> {
  const user = await createUser(db, `${name}-${randomUUID().slice(0, 8)}@example.com`, `hash-${name}`);
  const ws = await createWorkspace(db, user.id, { name: `Workspace ${name}` });
  const [session] = await db.query<{ id: string }>(
    "INSERT INTO chat_sessions (workspace_id, session_token, visitor_name) VALUES ($1, $2, 'Visitor ' || $3) RETURNING id",
    [ws.id, randomUUID(), name],
  );
  await db.query(
    `INSERT INTO qa_pairs (workspace_id, question, answer, embedding)
     VALUES ($1, 'secret question ' || $2, 'secret answer ' || $2, $3::vector)`,
    [ws.id, name, embedding],
  );
  await db.query("INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, 'gap ' || $2, $3)", [
    ws.id,
    name,
    session?.id,
  ]);
  await db.query(
    "INSERT INTO api_keys (workspace_id, provider, model, encrypted_key, key_last4) VALUES ($1, 'openai', 'gpt-4o', 'iv:tag:sealed-' || $2, '1234')",
    [ws.id, name],
  );
  await db.query(
    "INSERT INTO channel_connections (workspace_id, channel, external_id, encrypted_credentials) VALUES ($1, 'slack', 'T-' || $2, 'iv:tag:creds')",
    [ws.id, randomUUID()],
  );
  await db.query(
    "INSERT INTO channel_connection_moves (workspace_id, channel, external_id, label) VALUES ($1, 'slack', 'T-' || $2, 'Moved team')",
    [ws.id, randomUUID()],
  );
  await db.query("INSERT INTO channel_events (channel, event_id, workspace_id) VALUES ('slack', $1, $2)", [
    `event:${randomUUID()}`,
    ws.id,
  ]);
  await db.query('INSERT INTO llm_usage (workspace_id, day, answers) VALUES ($1, current_date, 7)', [ws.id]);
  await db.query('INSERT INTO import_jobs (id, workspace_id, total, done) VALUES ($1, $2, 10, 4)', [
    randomUUID(),
    ws.id,
  ]);
  return { user: { id: user.id, email: user.email }, workspaceId: ws.id };
}

const keyOf = (t: string) => (t === 'workspaces' ? 'id' : 'workspace_id');

/** Everything of A's, as the superuser sees it. */
async function snapshotOfA(): Promise<string> {
  const parts = [];
  for (const t of tables.filter((x) => x.scoped))
    parts.push(
      await db.query(`SELECT * FROM ${t.name} WHERE ${keyOf(t.name)} = $1 ORDER BY 1, 2`, [a.workspaceId]),
    );
  parts.push(await db.query('SELECT * FROM auth_sign_in_failures ORDER BY key'));
  return JSON.stringify(parts);
}

/** Runs one attempt as B: the rows it reached (0 when refused by RLS or grants). */
async function asB(sql: string, params: unknown[] = []): Promise<number> {
  tally.attempts++;
  try {
    const rows = await withOwner(db, b.user, (tx: SqlExecutor) => tx.query(sql, params));
    tally.rowsReached += rows.length;
    return rows.length;
  } catch (error) {
    expect(String((error as Error).message)).toMatch(denied);
    return 0;
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedOwner('a');
  b = await seedOwner('b');
  await db.query("INSERT INTO auth_sign_in_failures (key, failures) VALUES ('digest-of-a', 3)");
  await db.query(
    "INSERT INTO chat_rate_limits (key, capacity, tokens, refilled_at) VALUES ('ip:digest-of-a', 60, 59, now())",
  );
  tables = await db.query<TableInfo>(
    `SELECT t.tablename AS name, t.rowsecurity AS rls,
       EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public'
               AND c.table_name = t.tablename AND c.column_name = 'workspace_id')
         OR t.tablename = 'workspaces' AS scoped,
       (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = t.tablename) AS policies
     FROM pg_tables t WHERE t.schemaname = 'public' ORDER BY 1`,
  );
}, 120_000);
afterAll(async () => {
  report('isolation-database', { tables: tables?.map((t) => t.name), ...tally });
  await db?.close();
});

describe("owner B against owner A's rows, as role authenticated (RLS)", () => {
  it('every public table has RLS on, and the known workspace-scoped tables are all there', () => {
    expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
    const scoped = tables.filter((t) => t.scoped).map((t) => t.name);
    for (const t of [
      'workspaces',
      'api_keys',
      'qa_pairs',
      'chat_sessions',
      'qa_gaps',
      'channel_connections',
      'import_jobs',
    ])
      expect(scoped).toContain(t);
  });

  it('B sees its own rows where a policy allows it, so the checks below are not vacuous', async () => {
    for (const t of tables.filter((x) => x.scoped && x.policies > 0)) {
      const own = await withOwner(db, b.user, (tx) =>
        tx.query(`SELECT 1 FROM ${t.name} WHERE ${keyOf(t.name)} = $1`, [b.workspaceId]),
      );
      expect(own.length, t.name).toBeGreaterThan(0);
    }
  });

  it('SELECT, UPDATE and DELETE on A rows reach 0 rows in every workspace-scoped table', async () => {
    const before = await snapshotOfA();
    for (const t of tables.filter((x) => x.scoped)) {
      const k = keyOf(t.name);
      const where = `WHERE ${k} = $1`;
      expect(await asB(`SELECT * FROM ${t.name} ${where}`, [a.workspaceId]), `select ${t.name}`).toBe(0);
      // Without the filter too: nothing of A's among what B can list.
      expect(await asB(`SELECT 1 FROM ${t.name} WHERE ${k} <> $1`, [b.workspaceId]), `list ${t.name}`).toBe(
        0,
      );
      const set = t.name === 'workspaces' ? 'name = name' : 'workspace_id = workspace_id';
      expect(
        await asB(`UPDATE ${t.name} SET ${set} ${where} RETURNING 1`, [a.workspaceId]),
        `update ${t.name}`,
      ).toBe(0);
      expect(
        await asB(`DELETE FROM ${t.name} ${where} RETURNING 1`, [a.workspaceId]),
        `delete ${t.name}`,
      ).toBe(0);
    }
    expect(await snapshotOfA()).toBe(before);
  });

  it("INSERT into A's workspace, or moving B's own rows into it, is refused", async () => {
    const before = await snapshotOfA();
    for (const t of tables.filter((x) => x.scoped)) {
      // A copy of B's own row, re-keyed and pointed at A: the policy's check must refuse it.
      const [row] = await db.query<{ r: Record<string, unknown> }>(
        `SELECT to_jsonb(x) AS r FROM ${t.name} x WHERE ${keyOf(t.name)} = $1 LIMIT 1`,
        [b.workspaceId],
      );
      const planted: Record<string, unknown> = { ...row?.r };
      for (const col of ['id', 'event_id', 'external_id', 'session_token'])
        if (col in planted) planted[col] = col === 'id' ? randomUUID() : `planted-${randomUUID()}`;
      if ('day' in planted) planted.day = '2001-01-01';
      if (t.name === 'workspaces') planted.owner_id = a.user.id;
      else planted.workspace_id = a.workspaceId;
      delete planted.search_text; // generated column
      const cols = Object.keys(planted).join(', ');
      const sql = `INSERT INTO ${t.name} (${cols}) SELECT ${cols} FROM jsonb_populate_record(null::${t.name}, $1) RETURNING 1`;
      tally.attempts++;
      await expect(
        withOwner(db, b.user, (tx) => tx.query(sql, [JSON.stringify(planted)])),
        `insert ${t.name}`,
      ).rejects.toThrow(denied);
      if (t.name === 'workspaces') continue;
      const moved = await asB(`UPDATE ${t.name} SET workspace_id = $1 WHERE workspace_id = $2 RETURNING 1`, [
        a.workspaceId,
        b.workspaceId,
      ]);
      expect(moved, `move into A: ${t.name}`).toBe(0);
    }
    expect(await snapshotOfA()).toBe(before);
  });

  it("the search functions return none of A's pairs to B", async () => {
    for (const fn of [
      'search_qa_pairs($1, $2::vector, 0.0, 5)',
      "search_qa_pairs_hybrid($1, $2::vector, 'secret', 5, 50)",
    ]) {
      const asOwner = await db.query(`SELECT * FROM ${fn}`, [a.workspaceId, embedding]);
      expect(asOwner.length, `${fn} as superuser`).toBeGreaterThan(0);
      expect(await asB(`SELECT * FROM ${fn}`, [a.workspaceId, embedding]), fn).toBe(0);
    }
  });

  it('server-only tables (RLS on, no policy) and auth.users are denied or empty, even for own rows', async () => {
    const serverOnly = tables.filter((t) => t.policies === 0).map((t) => t.name);
    expect(serverOnly).toEqual(
      expect.arrayContaining(['channel_events', 'auth_sign_in_failures', 'chat_rate_limits']),
    );
    for (const t of serverOnly) expect(await asB(`SELECT * FROM ${t}`), t).toBe(0);
    expect(await asB('SELECT email, encrypted_password FROM auth.users')).toBe(0);
    // llm_usage has an owner read policy and nothing else: B reads its own count, never writes it.
    expect(
      await asB('UPDATE llm_usage SET answers = 0 WHERE workspace_id = $1 RETURNING 1', [b.workspaceId]),
    ).toBe(0);
    // import_jobs likewise: B polls its own imports; only the server writes their progress.
    expect(
      await asB("UPDATE import_jobs SET status = 'done' WHERE workspace_id = $1 RETURNING 1", [
        b.workspaceId,
      ]),
    ).toBe(0);
    expect(await asB('DELETE FROM import_jobs WHERE workspace_id = $1 RETURNING 1', [b.workspaceId])).toBe(0);
  });

  it('role anon and role authenticated without claims see nothing at all', async () => {
    for (const role of ['anon', 'authenticated']) {
      for (const t of tables) {
        tally.attempts++;
        const rows = await db
          .transaction(async (tx) => {
            await tx.query("SELECT set_config('role', $1, true)", [role]);
            return tx.query(`SELECT 1 FROM ${t.name}`);
          })
          .catch((error: Error) => {
            expect(error.message).toMatch(denied);
            return [];
          });
        tally.rowsReached += rows.length;
        expect(rows, `${role} ${t.name}`).toEqual([]);
      }
    }
    expect(tally.rowsReached).toBe(0);
  });
});
