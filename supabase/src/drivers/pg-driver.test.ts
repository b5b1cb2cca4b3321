import { randomUUID } from 'node:crypto';
import { createChatEngine, createHashingEmbedder } from '@clara/core';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresChatStore } from '../chat-store';
import type { Database } from '../database';
import { migrate } from '../migrate';
import { expectOwnerIsolation } from '../owner-scope.test';
import { insertQaPairs } from '../repos/qa-pairs';
import { createUser } from '../repos/users';
import { createWorkspace } from '../repos/workspaces';
import { openPg } from './pg-driver';

// The `pg` driver over the real wire protocol, against PGlite served by pglite-socket
// (no Postgres server with pgvector is installable here).
describe('pg driver over the wire', () => {
  let pglite: PGlite;
  let server: PGLiteSocketServer;
  let db: Database;
  const port = 20_000 + Math.floor(Math.random() * 20_000);

  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: { vector } });
    server = new PGLiteSocketServer({ db: pglite, port, host: '127.0.0.1' });
    await server.start();
    // One connection: pglite-socket multiplexes queries of several connections onto one session.
    db = await openPg({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, max: 1 });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await pglite?.close();
  });

  it('migrates, and a second migrate is a no-op', async () => {
    const first = await migrate(db);
    expect(first.applied.length).toBeGreaterThanOrEqual(4);
    expect((await migrate(db)).applied).toEqual([]);
  });

  it('runs a chat turn: vector search, session, gap', async () => {
    const user = await createUser(db, `pg-${randomUUID()}@example.com`, 'hash');
    const ws = await createWorkspace(db, user.id);
    const embedder = createHashingEmbedder();
    const [vec] = await embedder.embed(['What are your opening hours?']);
    await insertQaPairs(db, ws.id, [
      {
        question: 'What are your opening hours?',
        answer: '9 to 5.',
        category: 'general',
        embedding: vec as Float32Array,
        source: 'manual',
        metadata: {},
      },
    ]);
    const engine = createChatEngine({ store: createPostgresChatStore(db), embedder });
    const hit = await engine.turn({
      workspaceId: ws.id,
      sessionToken: 's',
      messageId: randomUUID(),
      message: 'What are your opening hours?',
    });
    expect(hit.message.content).toBe('9 to 5.');
    const miss = await engine.turn({
      workspaceId: ws.id,
      sessionToken: 's',
      messageId: randomUUID(),
      message: 'Do you do weddings?',
    });
    expect(miss.message.gap_detected).toBe(true);
    const [row] = await db.query<{ n: number }>(
      'SELECT jsonb_array_length(messages)::int AS n FROM chat_sessions WHERE workspace_id = $1',
      [ws.id],
    );
    expect(row?.n).toBe(4);
  });

  it('enforces RLS on the owner path', async () => {
    await expectOwnerIsolation(db);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO auth.users (email) VALUES ('rollback@example.com')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await db.query("SELECT 1 FROM auth.users WHERE email = 'rollback@example.com'");
    expect(rows).toHaveLength(0);
  });
});
