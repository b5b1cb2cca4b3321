/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * One-word conversational messages through the public chat API (real server, no language model):
 * "yes", "no", "ok", "help", "???" and the like are small talk (a short reply inviting the
 * question, the workspace's starter suggestions, no gap), a message with no content word is never
 * answered from the knowledge base, and a one-word topical message ("bike") stays a question.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

const bikePairs = [
  {
    question: 'Is there parking?',
    answer:
      'There is no parking at the shop itself, but the public car park on Mill Road is two minutes away.',
    category: 'visit',
  },
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 6, Tuesday to Saturday.',
    category: 'visit',
  },
  {
    question: 'How much is a bike service?',
    answer: 'A standard bike service is £65 and takes a day.',
    category: 'repairs',
  },
  {
    question: 'Do you sell electric bikes?',
    answer: 'Yes, we stock e-bikes from three brands; test rides are free.',
    category: 'sales',
  },
  {
    question: 'How can I contact you?',
    answer: 'Call us on 01234 567890 or drop in during opening hours.',
    category: 'contact',
  },
  {
    question: 'Do you repair punctures while I wait?',
    answer: 'Yes, a puncture repair takes about 20 minutes and costs £12.',
    category: 'repairs',
  },
];

const starters = ['How much is a bike service?', 'What are your opening hours?'];

let server: TestServer;
let ws: string;

async function ask(message: string, sessionToken = randomUUID()) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: ws,
      session_token: sessionToken,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

const openGaps = async () =>
  (
    await server.db.query<{ question: string }>(
      "SELECT question FROM qa_gaps WHERE workspace_id = $1 AND status = 'open'",
      [ws],
    )
  ).map((r) => r.question);

beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId: ws } = await server.createWorkspace({
    settings: { suggested_messages: starters, max_suggestion_chips: 3 },
  }));
  await server.addPairs(ws, bikePairs);
});
afterAll(() => server.close());

describe('one-word conversational messages (no language model)', () => {
  it.each([
    'no',
    'No.',
    'yes',
    'yes please',
    'Yes!',
    'ok',
    'OK.',
    'nope',
    'not really',
    'sure',
    'help',
    'Help?',
    '???',
    '...',
    '👍',
    'is it',
    'and you?',
    "isn't it?",
  ])('%j is small talk: a short invitation to ask, the starter suggestions, no gap', async (message) => {
    const reply = await ask(message);
    expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false, matched_qa_ids: [] });
    expect(reply.content).toMatch(/What would you like to know\?$/);
    expect(reply.content).not.toContain('parking');
    expect(reply.content).not.toMatch(/Did you mean|don't have that information/);
    expect(reply.suggestion_chips).toEqual(starters);
    expect(await openGaps()).not.toContain(message);
  });

  it('never answers a message with no content word from the knowledge base, however long', async () => {
    // Longer than small talk reads (40 characters): the engine itself must not match "no" to an answer.
    const message = 'no no no no no no no no no no no no no no no';
    expect(message.length).toBeGreaterThan(40);
    const reply = await ask(message);
    expect(reply.content).not.toContain('parking');
    expect(reply.reply_kind).not.toBe('answer');
    expect(reply.confidence).toBe(0);
  });

  it('keeps a one-word topical message a question: "bike" is a clarify or a gap, filed for the owner', async () => {
    const reply = await ask('bike');
    expect(['clarify', 'gap']).toContain(reply.reply_kind);
    expect(reply.gap_detected).toBe(true);
    expect(await openGaps()).toContain('bike');
    const price = await ask('price?');
    expect(price.gap_detected).toBe(true);
    expect(price.content).not.toMatch(/What would you like to know\?$/);
    // A longer sentence of function words can be a real question: it goes to the engine.
    const there = await ask('do i have to be there');
    expect(there.content).not.toMatch(/What would you like to know\?$/);
  });

  it('still answers a real question and a greeting as before', async () => {
    const parking = await ask('Is there parking?');
    expect(parking).toMatchObject({ reply_kind: 'answer', gap_detected: false });
    expect(parking.content).toContain('Mill Road');
    const hi = await ask('hi');
    expect(hi.content).toMatch(/^Hi! .*What would you like to know\?$/);
  });
});
