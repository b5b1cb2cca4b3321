/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../../test/admin/admin-client';
import { recordAChoice } from '../../../test/clarify-choice';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
let other: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
});
afterAll(() => server.close());

const pending = async (client = owner) =>
  (await client.json('GET', '/api/admin/gaps/choices/pending')).body.choices;

describe('visitors’ choices to review', () => {
  it('accepts a choice as a phrasing (then answered directly), dismisses another, each once', async () => {
    expect(await pending()).toEqual([]);
    const first = await recordAChoice(server.url, owner.workspaceId);
    const second = await recordAChoice(server.url, owner.workspaceId, [first.question]);
    expect(first.answer.reply_kind).toBe('answer');
    const chosenPair = groomerPairs.find((p) => p.question === first.chosen);
    const choice = (await pending()).find((c: any) => c.question === first.question);
    expect(choice).toMatchObject({
      question: first.question,
      chosen_question: first.chosen,
      chosen_answer: chosenPair?.answer,
    });
    expect(await pending(other)).toEqual([]);
    expect((await other.json('POST', `/api/admin/gaps/choices/${choice.gap_id}/accept`)).status).toBe(404);

    const accepted = await owner.json('POST', `/api/admin/gaps/choices/${choice.gap_id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.pair).toMatchObject({ question: first.question, answer: chosenPair?.answer });
    expect(accepted.body.phrasing_of.id).toBe(choice.chosen_qa_id);
    expect((await pending()).map((c: any) => c.question)).toEqual([second.question]);
    const again = await owner.json('POST', `/api/admin/gaps/choices/${choice.gap_id}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    // The visitor's wording is now answered at once, in a fresh session.
    const { message } = await server.ask(owner.workspaceId, first.question);
    expect(message.reply_kind).toBe('answer');
    expect(message.content).toContain(chosenPair?.answer.slice(0, 30));
    // The accepted wording is listed on the chosen pair, and removable (deactivated).
    const listed = await owner.json('GET', `/api/admin/knowledge/${choice.chosen_qa_id}/phrasings`);
    expect(listed.body.phrasings).toEqual([
      { id: accepted.body.pair.id, question: first.question, created_at: expect.any(String) },
    ]);
    expect((await other.json('GET', `/api/admin/knowledge/${choice.chosen_qa_id}/phrasings`)).status).toBe(
      404,
    );
    expect((await owner.json('GET', `/api/admin/knowledge/${randomUUID()}/phrasings`)).status).toBe(404);
    // The recorded choices (GET /gaps/choices) are unchanged: the review is separate.
    const all = (await owner.json('GET', '/api/admin/gaps/choices')).body.choices;
    expect(all.map((c: any) => c.gap_id)).toContain(choice.gap_id);

    const [next] = await pending();
    expect(next.question).toBe(second.question);
    const dismissed = await owner.json('POST', `/api/admin/gaps/choices/${next.gap_id}/dismiss`);
    expect(dismissed).toEqual({ status: 200, body: { dismissed: true } });
    expect(await pending()).toEqual([]);
    expect((await owner.json('POST', `/api/admin/gaps/choices/${next.gap_id}/dismiss`)).status).toBe(409);

    expect((await owner.json('DELETE', `/api/admin/knowledge/${accepted.body.pair.id}`)).status).toBe(200);
    expect((await owner.json('GET', `/api/admin/knowledge/${choice.chosen_qa_id}/phrasings`)).body).toEqual({
      phrasings: [],
    });
  });

  it('answers unknown ids and signed-out clients with 4xx', async () => {
    for (const path of [
      `/api/admin/gaps/choices/${randomUUID()}/accept`,
      '/api/admin/gaps/choices/nope/dismiss',
    ]) {
      const res = await owner.json('POST', path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await owner.json('GET', '/api/admin/gaps/choices/pending?limit=0')).status).toBe(400);
    const signedOut = adminClient(server.url, { email: 'x@example.com', password: 'x' });
    expect((await signedOut.json('GET', '/api/admin/gaps/choices/pending')).status).toBe(401);
  });
});
