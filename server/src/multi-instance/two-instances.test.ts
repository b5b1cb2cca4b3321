/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomBytes, randomUUID } from 'node:crypto';
import { startFakeOpenAi } from '@clara/core/testing/llm';
import { startWireDatabase, testDatabaseServer, type WireDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, signUpOwner } from '../../test/admin/admin-client';
import { chatJson, newTurn } from '../../test/resilience/chat-driver';
import { seedWorkspace } from '../../test/resilience/harness';
import { startTestServer, type TestServer } from '../../test/test-server';

// Two Clara servers (two runtimes, each with its own pool and in-process state) on one
// database over DATABASE_URL: native Postgres with CLARA_TEST_DATABASE=postgres (pools of 4),
// else PGlite behind pglite-socket, which runs the transactions of different connections one
// after another, as row locks would serialise these on Postgres (pools of 1).
let database: WireDatabase;
let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
const instances: TestServer[] = [];
let workspaceId: string;

beforeAll(async () => {
  database = await startWireDatabase({ maxConnections: 2 });
  fake = await startFakeOpenAi('From our notes: we open at nine.');
  const env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: testDatabaseServer === 'postgres' ? '4' : '1',
    CLARA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    OPENAI_BASE_URL: fake.baseURL,
    CLARA_CHAT_RATE_PER_IP: '100000',
    // Low enough to reach in one test: the limit is counted in the database, across both.
    CLARA_CHAT_RATE_PER_SESSION: '4',
    LOG_LEVEL: 'silent',
  };
  // A migrates the database; B starts on it as a second instance would.
  for (const name of ['a', 'b'])
    instances.push(await startTestServer({ db: 'env', migrate: name === 'a', env }));
  const first = instances[0];
  if (!first) throw new Error('no instance started');
  // The key is stored by A; B decrypts it with the shared CLARA_ENCRYPTION_KEY.
  workspaceId = await seedWorkspace(first.runtime, {
    openAiKey: 'sk-test-multi-instance-key',
    settings: { llm_daily_cap: 1000 },
  });
});

afterAll(async () => {
  for (const i of instances) await i.close();
  await fake?.close();
  await database?.stop();
});

const history = async (url: string, session: string) =>
  (await (
    await fetch(`${url}/api/chat/history?workspace_id=${workspaceId}&session_token=${session}`)
  ).json()) as any;

describe('two stateless instances on one database', () => {
  it('a session started on A continues on B, and both see the same history', async () => {
    const [a, b] = instances.map((i) => i.url) as [string, string];
    const session = randomUUID();
    const first = await chatJson(a, newTurn(workspaceId, session, 'What are your opening hours?'));
    expect(first.status).toBe(200);
    const second = await chatJson(b, newTurn(workspaceId, session, 'Do you repair e-bikes?'));
    expect(second.status).toBe(200);
    const fromA = await history(a, session);
    const fromB = await history(b, session);
    expect(fromB.messages).toEqual(fromA.messages);
    expect(fromA.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const [row] = await (instances[0] as (typeof instances)[0]).runtime.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
      [workspaceId, session],
    );
    expect(row?.n).toBe(1);
  });

  it('the same message_id sent to B while A is still answering returns the one stored reply', async () => {
    const [a, b] = instances.map((i) => i.url) as [string, string];
    const session = randomUUID();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A's model call stalls after its first chunk until the repeat has reached B.
    fake.script({ type: 'reply', text: 'From our notes: we open at nine.', gate, gateAfter: 1 });
    const turn = newTurn(workspaceId, session, 'When do you open on weekdays?');
    const requestsBefore = fake.requests.length;
    const onA = chatJson(a, turn);
    await waitFor(() => fake.requests.length > requestsBefore);
    const onB = chatJson(b, turn);
    await new Promise((r) => setTimeout(r, 300));
    release();
    const [ra, rb] = await Promise.all([onA, onB]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    expect(rb.body.message).toEqual(ra.body.message);
    expect(ra.body.message.content).toBe('From our notes: we open at nine.');
    // One model call for the turn: B did not answer it a second time.
    expect(fake.requests.length).toBe(requestsBefore + 1);
    const messages = (await history(b, session)).messages;
    expect(messages.map((m: any) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1].message_id).toBe(ra.body.message.message_id);
    // A late retry to either instance is answered from storage.
    expect((await chatJson(b, turn)).body.message).toEqual(ra.body.message);
  });

  it('the per-session rate limit is counted across both instances; retries stay free', async () => {
    const [a, b] = instances.map((i) => i.url) as [string, string];
    const session = randomUUID();
    const turns = [1, 2, 3, 4].map((n) => newTurn(workspaceId, session, `Question number ${n}?`));
    // 4 new messages a minute per session: alternating, each instance admits only two.
    for (const [n, turn] of turns.entries()) expect((await chatJson(n % 2 ? b : a, turn)).status).toBe(200);
    const fifth = newTurn(workspaceId, session, 'Question number 5?');
    for (const url of [a, b]) {
      const refused = await chatJson(url, fifth);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(15);
    }
    // A message answered on A, repeated to B, is answered from storage, not limited.
    const first = turns[0] as (typeof turns)[0];
    const repeat = await chatJson(b, first);
    expect(repeat.status).toBe(200);
    expect((await history(a, session)).messages).toHaveLength(8);
    // Another session is not limited by this one.
    expect((await chatJson(b, newTurn(workspaceId, randomUUID(), 'Hello?'))).status).toBe(200);
  });
});

describe('CSV import across instances', () => {
  it('an import started on A is polled on B, through its progress, to completion', async () => {
    const [a, b] = instances.map((i) => i.url) as [string, string];
    const onA = await signUpOwner(a);
    const onB = adminClient(b, onA);
    for (const [name, value] of onA.cookies) onB.cookies.set(name, value);
    // A embeds the first 250 rows, then waits at the second batch until B has seen that progress.
    const embedder = (instances[0] as (typeof instances)[0]).runtime.embedder;
    const embed = embedder.embed.bind(embedder);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    embedder.embed = async (texts) => {
      calls++;
      if (calls === 2) await gate;
      return embed(texts);
    };
    try {
      const rows = Array.from(
        { length: 300 },
        (_, i) => `Question number ${i} about the shop?,Answer ${i}.,general`,
      );
      const started = await onA.request(
        'POST',
        '/api/admin/knowledge/import',
        ['question,answer,category', ...rows].join('\n'),
        {
          'content-type': 'text/csv',
        },
      );
      expect(started.status).toBe(202);
      const { job } = (await started.json()) as any;
      const poll = async () => {
        const res = await onB.json('GET', `/api/admin/knowledge/import/${job.id}`);
        expect(res.status).toBe(200);
        return res.body.job;
      };
      let seen = await poll();
      // Rows are embedded and saved 50 at a time; the second chunk's embedding is held.
      for (let i = 0; i < 200 && seen.done < 50; i++) {
        await new Promise((r) => setTimeout(r, 25));
        seen = await poll();
      }
      expect(seen).toMatchObject({ id: job.id, status: 'running', done: 50, total: 300 });
      expect(['embedding', 'saving']).toContain(seen.phase);
      release();
      for (let i = 0; i < 400 && seen.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        seen = await poll();
      }
      expect(seen).toMatchObject({ status: 'done', phase: 'done', done: 300, saved: 300, error: null });
      expect(seen.result).toMatchObject({ imported: 300, skipped: 0, errors: [] });
      // A answers the same from the database now, and B lists what A saved.
      expect((await onA.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job).toEqual(seen);
      expect((await onB.json('GET', '/api/admin/knowledge?source=csv_import')).body.total).toBe(300);
    } finally {
      release();
      embedder.embed = embed;
    }
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
