import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChatEngine, createHashingEmbedder } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresChatStore } from '../chat-store';
import type { Database } from '../database';
import { migrate, readMigrations } from '../migrate';
import { withOwner } from '../owner-scope';
import { insertQaPairs } from '../repos/qa-pairs';
import { createUser } from '../repos/users';
import { createWorkspace } from '../repos/workspaces';
import { type SocketDatabase, startSocketDatabase } from '../testing/pglite-socket';
import { openPg } from './pg-driver';

describe('several instances migrating at once', () => {
  it('applies each migration exactly once (six pools on one database)', async () => {
    // pglite-socket serialises transactions of different connections, so this shows the
    // "already applied?" check under the lock is right when migrations race; the advisory
    // lock itself (which makes real Postgres serialise them too) cannot block in one session.
    const server = await startSocketDatabase({ maxConnections: 6 });
    const pools = await Promise.all(
      Array.from({ length: 6 }, () => openPg({ connectionString: server.url, max: 1 })),
    );
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      const applied = results.flatMap((r) => r.applied);
      expect(applied.sort()).toEqual(readMigrations().map((m) => m.version));
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
      const [row] = await (pools[0] as Database).query<{ n: number }>(
        'SELECT count(*)::int AS n FROM supabase_migrations.schema_migrations',
      );
      expect(row?.n).toBe(readMigrations().length);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
      await server.stop();
    }
  });
});

describe('transaction pooler safety', () => {
  let server: SocketDatabase;
  let db: Database;

  beforeAll(async () => {
    server = await startSocketDatabase();
    db = await openPg({ connectionString: server.url, max: 1, statementTimeoutMs: 12_000 });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  it('leaves no session state behind a transaction: role, JWT claims and timeouts are transaction-local', async () => {
    const user = await createUser(db, `pool-${randomUUID()}@example.com`, 'hash');
    await createWorkspace(db, user.id);
    const inside = await withOwner(db, user, async (tx) => {
      const [row] = await tx.query<{ role: string; uid: string; timeout: string }>(
        "SELECT current_user AS role, auth.uid()::text AS uid, current_setting('statement_timeout') AS timeout",
      );
      return row;
    });
    expect(inside).toEqual({ role: 'authenticated', uid: user.id, timeout: '12s' });
    // The same (only) connection afterwards: what the next pooled client would inherit.
    const [after] = await db.query<{ role: string; claims: string; timeout: string }>(
      "SELECT current_user AS role, coalesce(current_setting('request.jwt.claims', true), '') AS claims, current_setting('statement_timeout') AS timeout",
    );
    expect(after).toEqual({ role: 'postgres', claims: '', timeout: '0' });
  });

  it('uses no named prepared statements (a chat turn leaves pg_prepared_statements empty)', async () => {
    const user = await createUser(db, `prep-${randomUUID()}@example.com`, 'hash');
    const ws = await createWorkspace(db, user.id);
    const embedder = createHashingEmbedder();
    const [vec] = await embedder.embed(['Do you ship abroad?']);
    await insertQaPairs(db, ws.id, [
      {
        question: 'Do you ship abroad?',
        answer: 'Yes.',
        category: 'general',
        embedding: vec as Float32Array,
        source: 'manual',
        metadata: {},
      },
    ]);
    const engine = createChatEngine({ store: createPostgresChatStore(db), embedder });
    const turn = await engine.turn({
      workspaceId: ws.id,
      sessionToken: 's',
      messageId: randomUUID(),
      message: 'Do you ship abroad?',
    });
    expect(turn.message.content).toBe('Yes.');
    expect(await db.query('SELECT name FROM pg_prepared_statements')).toEqual([]);
  });

  it('shipped code sets nothing at session level (source audit)', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === 'node_modules' || name === 'dist' || name === 'testing') continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) {
          const text = readFileSync(path, 'utf8');
          // A statement that starts with SET (session-level unless LOCAL), set_config(…, false), LISTEN, PREPARE, or a named query.
          const bad =
            /['"`]\s*(SET\s+(?!LOCAL\b)[A-Za-z_]|LISTEN\s|PREPARE\s)|set_config\([^)]*,\s*false\s*\)|\bname:\s*['"`][^'"`]+['"`],\s*text:/;
          if (bad.test(text)) offenders.push(path.slice(root.length));
        }
      }
    };
    for (const pkg of ['core/src', 'supabase/src', 'server/src', 'channels']) walk(join(root, pkg));
    expect(offenders).toEqual([]);
  });
});
