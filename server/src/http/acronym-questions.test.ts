/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Acronyms have no vowel ("mtb", "gdpr") but are not keyboard mash: through the public chat API
 * (real server, no language model) a bike shop's "mtb?" or "gdpr?" reaches the knowledge base and,
 * unanswered there, the owner's gap inbox, instead of "Sorry, I didn't catch that".
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

const notCaught = 'Sorry, I didn’t catch that — could you rephrase your question?';
/** A bike shop's knowledge base that names none of the acronyms asked about below. */
const pairs = [
  ['What are your opening hours?', 'We are open Tuesday to Sunday, 9am to 5pm.'],
  ['How much is a full service?', 'A full service is £85, parts extra.'],
  ['Do you hire out bikes?', 'Yes, from £25 a day, helmet included.'],
  ['Do you sell electric bikes?', 'Yes, we stock e-bikes from three brands.'],
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

describe('acronyms are questions, not keyboard mash', () => {
  it.each(['mtb?', 'gdpr?', 'HMRC', 'cbt'])(
    '%j is not answered "didn’t catch that": it is a gap the owner sees',
    async (message) => {
      const reply = await ask(message);
      expect(reply.content).not.toBe(notCaught);
      expect(reply.gap_detected).toBe(true);
      expect(await gaps()).toContain(message);
    },
  );

  it('mash with no vowel is still asked to be rephrased: "zxcvbn", "zzz"', async () => {
    for (const message of ['zxcvbn', 'zzz']) {
      const reply = await ask(message);
      expect(reply.content).toBe(notCaught);
      expect(await gaps()).not.toContain(message);
    }
  });
});
