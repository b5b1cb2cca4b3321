/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * One-word product questions whose words the shipped vocabulary lacks ("hydrangeas?",
 * "gypsophila") are real questions, not keyboard mash: through the public chat API (real server,
 * PGlite, no language model) they reach the knowledge base and, unanswered, the owner's gap
 * inbox. Mash ("asdfgh", "zxcvbn") is still asked to be rephrased and never filed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

const notCaught = 'Sorry, I didn’t catch that — could you rephrase your question?';
/** A florist's knowledge base that names none of the flowers asked about below. */
const pairs = [
  ['What are your opening hours?', 'We are open Monday to Saturday, 9am to 6pm.'],
  ['How much is a bouquet?', 'Our hand-tied bouquets start at £35.'],
  ['Do you deliver?', 'Yes, we deliver across town every day except Sunday, £6.'],
  ['Do you run workshops?', 'Yes, wreath-making workshops on the first Saturday of the month.'],
].map(([question, answer]) => ({ question: question ?? '', answer: answer ?? '', category: 'shop' }));

let server: TestServer;
let ws: string;

async function ask(message: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: ws,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

const gaps = async () =>
  (
    await server.db.query<{ question: string }>('SELECT question FROM qa_gaps WHERE workspace_id = $1', [ws])
  ).map((r) => r.question);

beforeAll(async () => {
  server = await startTestServer();
  ws = (await server.createWorkspace()).workspaceId;
  await server.addPairs(ws, pairs);
});
afterAll(async () => {
  await server?.close();
});

describe('real words outside the vocabulary are questions, not mash', () => {
  it.each([
    'houseplants',
    'corsages',
    'hydrangea',
    'hydrangeas?',
    'ranunculus',
    'gerberas',
    'delphiniums?',
    'gypsophila',
    'alstroemeria',
    'labradoodle',
    'apoquel',
  ])('%j is not answered "didn’t catch that": it is a gap the owner sees', async (message) => {
    const reply = await ask(message);
    expect(reply.content).not.toBe(notCaught);
    expect(reply.gap_detected).toBe(true);
    expect(await gaps()).toContain(message);
  });
});

describe('keyboard mash is still asked to be rephrased', () => {
  it.each(['asdfgh', 'kjhkjhkjh', 'qwerty uiop', 'zxcvbn'])('%j: no gap', async (message) => {
    const reply = await ask(message);
    expect(reply).toMatchObject({ gap_detected: false, matched_qa_ids: [] });
    expect(reply.content).toBe(notCaught);
    expect(await gaps()).not.toContain(message);
  });
});
