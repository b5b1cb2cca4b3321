/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * The overview's "Answered (7 days)" counts replies from the knowledge base: a visitor's "thanks"
 * or "ok" (small talk, no pair) is not an answer, so five thanks do not lift the answered rate.
 */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

async function ask(message: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
});
afterAll(() => server.close());

describe('the overview answered count', () => {
  it('counts answers from the knowledge base and gaps, not small talk', async () => {
    expect((await ask(q.paraphrase)).reply_kind).toBe('answer');
    expect((await ask(q.unrelated)).gap_detected).toBe(true);
    for (const message of ['thanks', 'hi', 'ok', 'thank you!', 'thanks'])
      expect((await ask(message)).gap_detected).toBe(false);
    const res = await owner.json('GET', '/api/admin/overview');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ answered_7d: 1, gaps_7d: 1, answer_rate_7d: 0.5 });
    expect(res.body.per_day.at(-1)).toMatchObject({ answered: 1, gaps: 1 });
  });
});
