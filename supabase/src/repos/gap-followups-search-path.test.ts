import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { withOwner } from '../owner-scope';
import { createTestDatabase } from '../testing';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

// The outbox trigger runs SECURITY DEFINER. An owner connected as `authenticated` may create
// temporary tables, and pg_temp is searched first for tables unless the function's search_path
// names it last: a temp `chat_sessions` would then be read by the trigger with the owner's rights.
let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function owner() {
  const user = await createUser(db, `sp-${randomUUID()}@example.com`, 'x');
  const ws = (await createWorkspace(db, user.id)).id;
  return { user, ws };
}

describe('enqueue_gap_followup (SECURITY DEFINER)', () => {
  it('cannot be pointed at another workspace’s session by a temp table shadowing chat_sessions', async () => {
    const victim = await owner();
    const [victimSession] = await db.query<{ id: string }>(
      `INSERT INTO chat_sessions (workspace_id, session_token, metadata) VALUES ($1, $2, $3::jsonb) RETURNING id`,
      [
        victim.ws,
        `slack:${randomUUID()}`,
        JSON.stringify({ channel: 'slack', slack: { team_id: 'TV', channel_id: 'CV', thread_ts: '1.2' } }),
      ],
    );
    const attacker = await owner();
    const [pair] = await db.query<{ id: string }>(
      `INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'Q?', 'Injected answer') RETURNING id`,
      [attacker.ws],
    );
    const [ownSession] = await db.query<{ id: string }>(
      `INSERT INTO chat_sessions (workspace_id, session_token, metadata) VALUES ($1, $2, '{"channel":"web"}'::jsonb) RETURNING id`,
      [attacker.ws, randomUUID()],
    );

    const attempt = await withOwner(db, { id: attacker.user.id }, async (tx) => {
      // The attacker's own gap, on their own (web) session: allowed under RLS.
      const [gap] = await tx.query<{ id: string }>(
        `INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, 'Anything?', $2) RETURNING id`,
        [attacker.ws, ownSession?.id],
      );
      // A temp table named like the real one, whose row claims the victim's session is theirs.
      await tx.query(
        'CREATE TEMP TABLE chat_sessions (id uuid, workspace_id uuid, metadata jsonb) ON COMMIT DROP',
      );
      await tx.query(`INSERT INTO pg_temp.chat_sessions VALUES ($1, $2, '{"channel":"slack"}'::jsonb)`, [
        victimSession?.id,
        attacker.ws,
      ]);
      await tx.query(
        `UPDATE qa_gaps SET status = 'resolved', session_id = $2, resolved_qa_id = $3 WHERE id = $1`,
        [gap?.id, victimSession?.id, pair?.id],
      );
      return 'done';
    }).catch((error: unknown) => (error as Error).message);

    // Either refused outright, or the trigger read the real chat_sessions (which puts the session
    // in another workspace) and queued nothing: never a follow-up into the victim's thread.
    expect(typeof attempt).toBe('string');
    const rows = await db.query('SELECT id FROM gap_followups WHERE session_id = $1', [victimSession?.id]);
    expect(rows).toHaveLength(0);
  });
});

describe('every SECURITY DEFINER function', () => {
  it('pins a search_path that searches pg_temp last (never first, as it is when left out)', async () => {
    const rows = await db.query<{ name: string; config: string[] | null }>(
      `SELECT p.proname AS name, p.proconfig AS config FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.prosecdef AND n.nspname = 'public' ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const path = (row.config ?? []).find((c) => c.startsWith('search_path='));
      expect({ name: row.name, path }).toEqual({ name: row.name, path: expect.stringMatching(/pg_temp"?$/) });
    }
  });
});
