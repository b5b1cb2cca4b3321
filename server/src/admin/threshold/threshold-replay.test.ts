/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { createLocalEmbedder } from '@clara/core';
import { createTestDatabase } from '@clara/supabase/testing';
import { giftCardWordings } from '@clara/testkit/gap-wordings';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { vagueGroomerQuestions } from '../../../test/clarify-choice';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { runEval } from '../../eval/run-eval';

let server: TestServer;
let owner: AdminClient;
let other: AdminClient;
const live: { question: string; kind: string }[] = [];
const questions = [
  q.paraphrase,
  'What are your opening hours?',
  'do you groom cats',
  ...vagueGroomerQuestions,
  ...giftCardWordings.slice(0, 2),
  q.unrelated,
  q.paraphrase, // asked twice
];

const replay = async (body: unknown, client = owner) =>
  client.json('POST', '/api/admin/threshold-replay', body);

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  for (const question of questions) {
    const { message } = await server.ask(owner.workspaceId, question);
    live.push({ question, kind: message.reply_kind ?? 'gap' });
  }
}, 120_000);
afterAll(() => server.close());

describe('POST /api/admin/threshold-replay', () => {
  it('at the current threshold, counts what visitors really got; stores nothing', async () => {
    const before = {
      gaps: (await owner.json('GET', '/api/admin/gaps?status=open')).body.counts,
      sessions: (await owner.json('GET', '/api/admin/conversations')).body.total,
      settings: (await owner.json('GET', '/api/admin/settings')).body.settings,
    };
    const res = await replay({ threshold: before.settings.confidence_threshold });
    expect(res.status).toBe(200);
    const count = (kind: string) => live.filter((l) => l.kind === kind).length;
    expect(res.body).toMatchObject({
      threshold: before.settings.confidence_threshold,
      current_threshold: before.settings.confidence_threshold,
      considered: questions.length,
      distinct: questions.length - 1,
      answered: count('answer'),
      clarified: count('clarify'),
      gaps: count('gap'),
      changed: [],
    });
    expect(res.body.current).toEqual({
      answered: count('answer'),
      clarified: count('clarify'),
      gaps: count('gap'),
    });
    const paraphrase = res.body.examples.answer.find((e: any) => e.question === q.paraphrase);
    expect(paraphrase).toMatchObject({ asks: 2, kind: 'answer', current: 'answer' });
    // Which answer it gets, by the pair's question.
    expect(paraphrase).toMatchObject({
      answered_with: 'What are your opening hours?',
      current_answered_with: 'What are your opening hours?',
    });
    const unrelated = res.body.examples.gap.find((e: any) => e.question === q.unrelated);
    expect(unrelated).toMatchObject({ answered_with: null, current_answered_with: null });
    expect(res.body.examples.gap.map((e: any) => e.question)).toContain(q.unrelated);

    expect((await owner.json('GET', '/api/admin/gaps?status=open')).body.counts).toEqual(before.gaps);
    expect((await owner.json('GET', '/api/admin/conversations')).body.total).toBe(before.sessions);
    expect((await owner.json('GET', '/api/admin/settings')).body.settings).toEqual(before.settings);
  });

  it('matches a direct run of clara eval on the same questions at each threshold', async () => {
    for (const threshold of [0.5, 0.95]) {
      const res = await replay({ threshold });
      expect(res.status).toBe(200);
      const db = await createTestDatabase();
      const kinds: string[] = [];
      try {
        await runEval({
          db,
          embedder: createLocalEmbedder(),
          kb: { rows: groomerPairs.map((pair, i) => ({ row: i + 2, pair })), errors: [] },
          queries: questions.map((query) => ({ query, expected_answer: null })),
          threshold,
          onResult: (line) => kinds.push(line.reply_kind),
        });
      } finally {
        await db.close();
      }
      const count = (kind: string) => kinds.filter((k) => k === kind).length;
      expect(res.body, `threshold ${threshold}`).toMatchObject({
        answered: count('answer'),
        clarified: count('clarify'),
        gaps: count('gap'),
      });
      // What changes side is listed against today's kind.
      for (const c of res.body.changed) expect(c.kind).not.toBe(c.current);
    }
    const low = (await replay({ threshold: 0.5 })).body;
    const high = (await replay({ threshold: 0.95 })).body;
    expect(low.answered).toBeGreaterThanOrEqual(high.answered);
    expect(low.answered + low.clarified + low.gaps).toBe(questions.length);
  });

  it('replays only this owner’s questions, within the limit, and refuses bad input with 400', async () => {
    expect((await replay({ threshold: 0.8 }, other)).body).toMatchObject({
      considered: 0,
      answered: 0,
      gaps: 0,
    });
    expect((await replay({ threshold: 0.8, limit: 3 })).body).toMatchObject({ considered: 3, limit: 3 });
    for (const body of [
      {},
      { threshold: 0.3 },
      { threshold: 0.99 },
      { threshold: 0.8, limit: 0 },
      { threshold: '0.8' },
    ]) {
      const res = await replay(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const noCsrf = await owner.request(
      'POST',
      '/api/admin/threshold-replay',
      { threshold: 0.8 },
      { 'x-csrf-token': '' },
    );
    expect(noCsrf.status).toBe(403);
  });
});
