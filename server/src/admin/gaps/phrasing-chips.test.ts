/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */

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

const ask = async (question: string) => (await server.ask(owner.workspaceId, question)).message;

/** Files the gap and links it to the pair with `target` as question: the wording becomes a phrasing. */
async function keepAsPhrasing(wording: string, target: string) {
  expect((await ask(wording)).gap_detected).toBe(true);
  const gaps = (await owner.json('GET', '/api/admin/gaps')).body.items as any[];
  const gap = gaps.find((g) => g.question === wording);
  const pairs = (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
  const pair = pairs.find((p) => p.question === target);
  const linked = await owner.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: pair.id });
  expect(linked.status).toBe(200);
  return pair;
}

describe("visitors' wordings kept as phrasings", () => {
  it('answer, but chips show each answer once with the owner question, and the Knowledge list marks them', async () => {
    const dairy = await keepAsPhrasing('anything without dairy?', 'Do you have dairy-free or vegan options?');
    const hours = await keepAsPhrasing('when can I come in on a sunday?', 'What are your opening hours?');
    const wordings = ['anything without dairy?', 'when can I come in on a sunday?'];

    // The kept wording is answered from now on.
    const answered = await ask('anything without dairy?');
    expect(answered.reply_kind).toBe('answer');
    // Other visitors never see a kept wording as a chip; the owner's question stands for its answer.
    let ownerQuestionShown = 0;
    for (const question of [
      'is there anything vegan?',
      // Without the fix this one was offered "when can I come in on a sunday?" as its first chip.
      'when can I come in to pick up my cake?',
      'can I come in on a monday?',
      'any dairy free cakes?',
      'are you open on sundays?',
      'what time do you open on saturday?',
      'do you have milk free bread?',
      'anything without dairy?',
      'when can I come in on a sunday?',
    ]) {
      const reply = await ask(question);
      for (const w of wordings) expect(reply.suggestion_chips, question).not.toContain(w);
      const chips = reply.suggestion_chips.map((c: string) => c.toLowerCase());
      expect(new Set(chips).size).toBe(chips.length);
      if (reply.suggestion_chips.includes(dairy.question) || reply.suggestion_chips.includes(hours.question))
        ownerQuestionShown++;
    }
    expect(ownerQuestionShown).toBeGreaterThan(0);

    // The Knowledge page lists each kept wording marked as a phrasing of its pair.
    const list = (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
    const kept = list.filter((p) => wordings.includes(p.question));
    expect(kept.map((p) => p.phrasing_of?.question).sort()).toEqual([dairy.question, hours.question].sort());
    expect(list.filter((p) => p.phrasing_of === null)).toHaveLength(bakeryPairs.length);
    const one = await owner.json('GET', `/api/admin/knowledge/${dairy.id}`);
    if (one.status === 200) expect(one.body.pair?.phrasing_of ?? one.body.phrasing_of ?? null).toBeNull();
  });
});
