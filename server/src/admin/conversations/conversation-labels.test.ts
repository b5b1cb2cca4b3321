/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

async function ask(message: string, session: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: session,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

describe('conversation labels', () => {
  it('keeps "Did you mean…?" apart from gaps and counts only the gaps still open', async () => {
    // A visitor resolves their own gap by picking the offered question.
    const picked = randomUUID();
    const clarify = await ask('anything without dairy?', picked);
    expect(clarify.reply_kind).toBe('clarify');
    const chip = clarify.suggestion_chips[0] as string;
    expect((await ask(chip, picked)).reply_kind).toBe('answer');
    // Another visitor's question nothing answers stays open.
    const unanswered = randomUUID();
    expect((await ask('what is your refund policy?', unanswered)).reply_kind).toBe('gap');

    const list = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
    const byQuestion = (q: string) => list.find((c) => c.first_question === q);
    expect(byQuestion('anything without dairy?')).toMatchObject({ gap_count: 1, open_gap_count: 0 });
    expect(byQuestion('what is your refund policy?')).toMatchObject({ gap_count: 1, open_gap_count: 1 });

    // The transcript says which reply was "Did you mean…?", which a gap, and what chips were shown.
    const one = await owner.json(
      'GET',
      `/api/admin/conversations/${byQuestion('anything without dairy?').id}`,
    );
    const replies = one.body.conversation.messages.filter((m: any) => m.role === 'assistant');
    expect(replies.map((m: any) => m.reply_kind)).toEqual(['clarify', 'answer']);
    expect(replies[0].suggestion_chips).toEqual(clarify.suggestion_chips);
    const gap = await owner.json(
      'GET',
      `/api/admin/conversations/${byQuestion('what is your refund policy?').id}`,
    );
    expect(gap.body.conversation.messages[1]).toMatchObject({ reply_kind: 'gap', gap_detected: true });

    // Once the owner closes the open gap, it is no longer counted as open.
    const gaps = (await owner.json('GET', '/api/admin/gaps')).body.items as any[];
    const refund = gaps.find((g) => g.question === 'what is your refund policy?');
    expect((await owner.json('POST', `/api/admin/gaps/${refund.id}/dismiss`)).status).toBe(200);
    const after = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
    expect(after.find((c) => c.first_question === 'what is your refund policy?').open_gap_count).toBe(0);
  });

  it('counts an answer the visitor rated down in gap_count as in open_gap_count (the gap it filed)', async () => {
    const session = randomUUID();
    const answer = await ask('Do you have gluten-free bread?', session);
    expect(answer.reply_kind).toBe('answer');
    const rated = await fetch(`${server.url}/api/chat/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: answer.message_id,
        rating: 'down',
      }),
    });
    expect(rated.status).toBeLessThan(300);
    const list = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
    const rows = list.filter((c) => c.first_question === 'Do you have gluten-free bread?');
    expect(rows.map((c) => [c.gap_count, c.open_gap_count])).toEqual([[1, 1]]);
    const withGaps = (await owner.json('GET', '/api/admin/conversations?had_gap=true')).body.items as any[];
    expect(withGaps.map((c) => c.first_question)).toContain('Do you have gluten-free bread?');
  });

  it('marks the open gap in every conversation that asked its question, whichever filed it first', async () => {
    const first = randomUUID();
    expect((await ask('Do you repair bicycles?', first)).reply_kind).toBe('gap');
    // A later, longer conversation asks the same wording: one open gap per question is kept, filed by the first.
    const later = randomUUID();
    await ask('What are your opening hours?', later);
    await ask('do you repair bicycles?', later);
    const gaps = (await owner.json('GET', '/api/admin/gaps')).body.items as any[];
    const bicycles = gaps.filter((g) => g.question.toLowerCase() === 'do you repair bicycles?');
    expect(bicycles).toHaveLength(1);

    const list = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
    const byQuestion = (q: string) => list.find((c) => c.first_question === q);
    expect(byQuestion('Do you repair bicycles?')).toMatchObject({ open_gap_count: 1 });
    expect(byQuestion('What are your opening hours?')).toMatchObject({ open_gap_count: 1 });

    // Closed in the inbox, it is open in neither.
    expect((await owner.json('POST', `/api/admin/gaps/${bicycles[0].id}/dismiss`)).status).toBe(200);
    const after = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
    expect(after.find((c) => c.first_question === 'Do you repair bicycles?').open_gap_count).toBe(0);
    expect(after.find((c) => c.first_question === 'What are your opening hours?').open_gap_count).toBe(0);
  });
});
