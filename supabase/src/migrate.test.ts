import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './drivers/pglite-driver';
import { migrate, migrationsDir, pendingMigrations, readMigrations } from './migrate';

describe('migrations on a fresh PGlite', () => {
  it('apply in order, record their versions like the Supabase CLI, and re-run as a no-op', async () => {
    const db = await openPglite();
    const first = await migrate(db);
    const files = readMigrations();
    expect(first.applied).toEqual(files.map((f) => f.version));
    const rows = await db.query<{ version: string; name: string }>(
      'SELECT version, name FROM supabase_migrations.schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(first.applied);
    expect(rows[1]?.name).toBe('core_tables');
    const second = await migrate(db);
    expect(second.applied).toEqual([]);

    // The seed's 47 columns, table by table (added later: search_text, the hybrid-search tsvector;
    // the visitors' choices on qa_gaps, the owner's review of them, the pairs a "Did you
    // mean…?" reply offered, when the owner last acted on a gap, api_keys.last_test, a key's
    // last provider test, qa_pairs.edited_at, when the owner last changed a pair, and a gap's
    // question_key and dismissed_gap_id, an ask of a dismissed question kept on it).
    const columns = await db.query<{ table_name: string; n: number }>(
      `SELECT table_name, count(*)::int AS n FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name IN ('workspaces','api_keys','qa_pairs','chat_sessions','qa_gaps')
         AND NOT (table_name = 'qa_pairs' AND column_name IN ('search_text', 'search_question', 'search_answer', 'question_key', 'edited_at'))
         AND NOT (table_name = 'api_keys' AND column_name = 'last_test')
         AND NOT (table_name = 'qa_gaps' AND column_name IN ('chosen_qa_id', 'chosen_at', 'choice_review', 'choice_reviewed_at', 'offered_qa_ids', 'owner_handled_at', 'question_key', 'dismissed_gap_id'))
       GROUP BY table_name ORDER BY table_name`,
    );
    expect(Object.fromEntries(columns.map((c) => [c.table_name, c.n]))).toEqual({
      api_keys: 11,
      chat_sessions: 12,
      qa_gaps: 10,
      qa_pairs: 11,
      workspaces: 7,
    });

    const policies = await db.query<{ tablename: string; policyname: string }>(
      "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' ORDER BY policyname",
    );
    expect(policies.map((p) => p.policyname)).toEqual(
      expect.arrayContaining([
        'api_keys_owner',
        'chat_sessions_owner',
        'qa_gaps_owner',
        'qa_pairs_owner',
        'workspace_owner',
      ]),
    );
    const rls = await db.query<{ relname: string; relrowsecurity: boolean }>(
      "SELECT relname, relrowsecurity FROM pg_class WHERE relname IN ('workspaces','api_keys','qa_pairs','chat_sessions','qa_gaps')",
    );
    expect(rls.every((r) => r.relrowsecurity)).toBe(true);

    const indexes = await db.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    );
    const names = indexes.map((i) => i.indexname);
    for (const name of [
      'idx_qa_pairs_embedding',
      'idx_qa_pairs_workspace',
      'idx_qa_pairs_workspace_active',
      'idx_chat_sessions_workspace',
      'idx_chat_sessions_token',
      'idx_qa_gaps_workspace',
      'idx_qa_gaps_workspace_status',
      'idx_api_keys_workspace',
    ]) {
      expect(names).toContain(name);
    }
    expect(indexes.find((i) => i.indexname === 'idx_qa_pairs_embedding')?.indexdef).toMatch(
      /ivfflat.*vector_cosine_ops.*lists='50'/,
    );

    const triggers = await db.query<{ tgname: string }>(
      "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'set_updated_at_%'",
    );
    expect(triggers.map((t) => t.tgname)).toEqual(
      expect.arrayContaining([
        'set_updated_at_workspaces',
        'set_updated_at_api_keys',
        'set_updated_at_qa_pairs',
        'set_updated_at_chat_sessions',
      ]),
    );
    const functions = await db.query<{ proname: string }>(
      "SELECT proname FROM pg_proc WHERE proname IN ('search_qa_pairs', 'set_updated_at', 'uid')",
    );
    expect(functions.map((f) => f.proname).sort()).toEqual(['search_qa_pairs', 'set_updated_at', 'uid']);
    const roles = await db.query<{ rolname: string; rolbypassrls: boolean }>(
      "SELECT rolname, rolbypassrls FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role') ORDER BY rolname",
    );
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false },
      { rolname: 'authenticated', rolbypassrls: false },
      { rolname: 'service_role', rolbypassrls: true },
    ]);
    await db.close();
  });

  it('keeps the seed defaults and CHECK constraints', async () => {
    const db = await openPglite();
    await migrate(db);
    const [user] = await db.query<{ id: string }>(
      "INSERT INTO auth.users (email) VALUES ('x@example.com') RETURNING id",
    );
    const [ws] = await db.query<{ id: string; name: string; settings: Record<string, unknown> }>(
      'INSERT INTO workspaces (owner_id) VALUES ($1) RETURNING id, name, settings',
      [user?.id],
    );
    expect(ws?.name).toBe('My Chatbot');
    expect(ws?.settings).toMatchObject({
      confidence_threshold: 0.78,
      max_suggestion_chips: 3,
      primary_color: '#6366f1',
    });
    await expect(db.query('INSERT INTO workspaces (owner_id) VALUES ($1)', [user?.id])).rejects.toThrow(
      /unique/i,
    );
    await expect(
      db.query(
        "INSERT INTO qa_pairs (workspace_id, question, answer, source) VALUES ($1, 'q', 'a', 'scraped')",
        [ws?.id],
      ),
    ).rejects.toThrow(/check/i);
    await expect(
      db.query(
        "INSERT INTO api_keys (workspace_id, provider, model, encrypted_key, key_last4) VALUES ($1, 'mistral', 'm', 'x', '1234')",
        [ws?.id],
      ),
    ).rejects.toThrow(/check/i);
    await expect(
      db.query("INSERT INTO qa_gaps (workspace_id, question, status) VALUES ($1, 'q', 'snoozed')", [ws?.id]),
    ).rejects.toThrow(/check/i);
    const [pair] = await db.query<{ category: string; source: string; is_active: boolean; updated_at: Date }>(
      "INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'q', 'a') RETURNING category, source, is_active, updated_at",
      [ws?.id],
    );
    expect(pair).toMatchObject({ category: 'general', source: 'manual', is_active: true });
    await db.close();
  });
});

describe('pendingMigrations', () => {
  it('lists every file on a database never migrated, none after migrate, and a file added later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clara-migrations-'));
    try {
      for (const f of readdirSync(migrationsDir())) copyFileSync(join(migrationsDir(), f), join(dir, f));
      const versions = readMigrations(dir).map((m) => m.version);
      const db = await openPglite();
      expect(await pendingMigrations(db, dir)).toEqual(versions);
      await migrate(db, dir);
      expect(await pendingMigrations(db, dir)).toEqual([]);
      writeFileSync(join(dir, '20991231235959_later_feature.sql'), 'CREATE TABLE later_feature (id int);');
      expect(await pendingMigrations(db, dir)).toEqual(['20991231235959']);
      // Read-only: asking did not apply it.
      const [table] = await db.query<{ name: string | null }>(
        "SELECT to_regclass('later_feature')::text AS name",
      );
      expect(table?.name).toBeNull();
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
