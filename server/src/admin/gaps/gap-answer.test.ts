/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Answering a gap whose question the knowledge base already holds updates that pair's answer
// (no duplicate, and the chat answers with the new text), one gap or a group.

let server: TestServer;
let owner: AdminClient;

async function ask(message: string, sessionToken = randomUUID()) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: sessionToken,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

/** Asks, gets the pair's answer, rates it down: the gap a thumbs-down files. */
async function dislike(question: string) {
  const session = randomUUID();
  const answered = await ask(question, session);
  expect(answered.reply_kind).toBe('answer');
  const rated = await fetch(`${server.url}/api/chat/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: session,
      message_id: answered.message_id,
      rating: 'down',
    }),
  });
  expect(((await rated.json()) as any).feedback.gap_filed).toBe(true);
  const open = (await owner.json('GET', '/api/admin/gaps')).body.items;
  const gap = open.find((g: any) => g.question === question);
  expect(gap).toMatchObject({ ai_answer: answered.content });
  return gap;
}

const activeWithQuestion = async (question: string) => {
  const res = await owner.json('GET', `/api/admin/knowledge?q=${encodeURIComponent(question)}&active=true`);
  expect(res.status).toBe(200);
  const same = (q: string) => q.trim().toLowerCase() === question.trim().toLowerCase();
  return res.body.items.filter((p: any) => same(p.question));
};

const pairs = [
  ['Can I pay by card?', 'We accept all major cards, Apple Pay and cash.', 'payment'],
  ['Do you have a car park?', 'There is no car park, but the street has free parking.', 'general'],
  ['What are your opening hours?', 'We are open 9 to 5, Monday to Friday.', 'general'],
] as const;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  for (const [question, answer, category] of pairs) {
    const res = await owner.json('POST', '/api/admin/knowledge', { question, answer, category });
    expect(res.status).toBe(201);
    ids[question] = res.body.pair.id;
  }
});
afterAll(() => server.close());

describe('answering a gap the knowledge base already holds', () => {
  it('updates the existing pair (one pair, the new answer in the chat), its category kept', async () => {
    const question = 'Can I pay by card?';
    const gap = await dislike(question);
    const answer = 'We accept Visa and Mastercard (no Amex), Apple Pay and cash.';
    const res = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer,
      category: 'general',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      updated_existing: true,
      pair: { id: ids[question], question, answer, category: 'payment', is_active: true },
      gap: { status: 'resolved', resolved_qa: { id: ids[question] } },
    });
    const same = await activeWithQuestion(question);
    expect(same.map((p: any) => p.id)).toEqual([ids[question]]);
    const after = await ask(question);
    expect(after.reply_kind).toBe('answer');
    expect(after.content).toContain('no Amex');
    expect(after.matched_qa_ids[0]).toBe(ids[question]);
  });

  it('matches the question whatever its case and spacing, in a group resolve too', async () => {
    const question = 'Do you have a car park?';
    const gap = await dislike(question);
    const answer = 'Yes: 20 free spaces behind the shop, and more on the street.';
    const res = await owner.json('POST', '/api/admin/gaps/groups/resolve', {
      gap_ids: [gap.id],
      question: '  do you  have a CAR park? ',
      answer,
      category: 'general',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      updated_existing: true,
      resolved: 1,
      phrasings: 0,
      pair: { id: ids[question], question, answer },
    });
    const listed = await owner.json('GET', '/api/admin/gaps?status=resolved');
    expect(listed.body.items.find((g: any) => g.id === gap.id).resolved_qa.id).toBe(ids[question]);
    expect((await activeWithQuestion(question)).map((p: any) => p.id)).toEqual([ids[question]]);
    const after = await ask(question);
    expect(after.content).toContain('20 free spaces');
  });

  it('treats wordings the gap grouping settles as the same question (Wi-Fi / wifi, accents, punctuation, plurals)', async () => {
    const made: Record<string, string> = {};
    for (const question of ['Do you have Wi-Fi?', 'Is the café open on Sundays?']) {
      const res = await owner.json('POST', '/api/admin/knowledge', {
        question,
        answer: `Ask at the till (${question}).`,
        allow_duplicate: true,
      });
      expect(res.status).toBe(201);
      made[question] = res.body.pair.id;
    }
    const cases = [
      ['Do you have Wi-Fi?', 'do you have wifi', 'Free wifi: the password is on the till.'],
      ['Is the café open on Sundays?', 'is the cafe open on sunday', 'The café opens 10 to 4 on Sundays.'],
    ] as const;
    for (const [held, typed, answer] of cases) {
      const gap = await dislike('Can I pay by card?');
      const res = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
        question: typed,
        answer,
        category: 'general',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        updated_existing: true,
        pair: { id: made[held], question: held, answer },
      });
      const listed = await owner.json(
        'GET',
        `/api/admin/knowledge?q=${encodeURIComponent(answer)}&active=true`,
      );
      expect(listed.body.items.map((p: any) => p.id)).toEqual([made[held]]);
    }
  });

  it('updates every active copy when the knowledge base already held the question twice', async () => {
    const question = 'What are your opening hours?';
    const copy = await owner.json('POST', '/api/admin/knowledge', {
      question: 'what are your opening hours?',
      answer: 'Open 10 to 4.',
      allow_duplicate: true,
    });
    expect(copy.status).toBe(201);
    const gap = await dislike(question);
    const answer = 'We are open 8 to 6, Monday to Saturday.';
    const res = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer,
      category: 'general',
    });
    expect(res.status).toBe(200);
    // Resolved with the owner's first pair; the copy answers the same, so either match says it.
    expect(res.body).toMatchObject({ updated_existing: true, pair: { id: ids[question], answer } });
    const same = await activeWithQuestion(question);
    expect(same.map((p: any) => p.id).sort()).toEqual([ids[question], copy.body.pair.id].sort());
    expect(same.every((p: any) => p.answer === answer)).toBe(true);
    expect((await ask(question)).content).toContain('8 to 6');
  });

  it("writes the new answer to the pair's linked visitor wordings too (they answer with their own copy)", async () => {
    const question = 'Do you deliver to offices?';
    const made = await owner.json('POST', '/api/admin/knowledge', {
      question,
      answer: 'Yes, office deliveries go out on Mondays.',
    });
    expect(made.status).toBe(201);
    const wording = 'zorbly quibbets for my workplace crew';
    expect((await ask(wording)).gap_detected).toBe(true);
    const filed = (await owner.json('GET', '/api/admin/gaps')).body.items.find(
      (g: any) => g.question === wording,
    );
    const linked = await owner.json('POST', `/api/admin/gaps/${filed.id}/link`, { qa_id: made.body.pair.id });
    expect(linked.status).toBe(200);
    expect((await ask(wording)).content).toContain('Mondays');

    const gap = await dislike(question);
    const answer = 'Yes, office deliveries go out every weekday before noon.';
    const res = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer,
      category: 'general',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated_existing: true, pair: { id: made.body.pair.id, answer } });
    const again = await ask(wording);
    expect(again.reply_kind).toBe('answer');
    expect(again.content).toContain('before noon');
  });

  it('still adds a new pair for a question the knowledge base does not hold', async () => {
    const question = 'Can I bring my dog into the store?';
    expect((await ask(question)).gap_detected).toBe(true);
    const gap = (await owner.json('GET', '/api/admin/gaps')).body.items.find(
      (g: any) => g.question === question,
    );
    const res = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer: 'Yes: dogs on a lead are welcome.',
      category: 'general',
    });
    expect(res.status).toBe(200);
    expect(res.body.updated_existing).toBe(false);
    expect(Object.values(ids)).not.toContain(res.body.pair.id);
    expect((await ask(question)).content).toContain('dogs on a lead');
  });
});
