/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */

import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { demoQaPairs } from '../../demo/demo-kb';

let server: TestServer;
let bakery: AdminClient;
let bikes: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  bakery = await signUpOwner(server.url);
  bikes = await signUpOwner(server.url);
  await server.addPairs(bakery.workspaceId, bakeryPairs);
  await server.addPairs(bikes.workspaceId, [...demoQaPairs]);
}, 60_000);
afterAll(() => server.close());

const inbox = async (client: AdminClient) => {
  const groups = await client.json('GET', '/api/admin/gaps/groups');
  const list = await client.json('GET', '/api/admin/gaps');
  expect(groups.status).toBe(200);
  expect(list.status).toBe(200);
  return { groups: groups.body.groups as any[], gaps: list.body.items as any[] };
};
const groupOf = (groups: any[], question: string) =>
  groups.find((g) => g.gaps.some((x: any) => x.question === question));

describe('one-click answers in the gap inbox', () => {
  it('offers no one-click answer for a question nothing in the knowledge base answers', async () => {
    for (const question of ['what is your refund policy?', 'do you repair bicycles?', 'do you have wifi?']) {
      const reply = (await server.ask(bakery.workspaceId, question)).message;
      expect(reply.reply_kind, question).toBe('gap');
      // The widget may still show other questions as chips, and the gap keeps its nearest pair.
      expect(reply.suggestion_chips.length).toBeGreaterThan(0);
    }
    const { groups, gaps } = await inbox(bakery);
    for (const question of ['what is your refund policy?', 'do you repair bicycles?', 'do you have wifi?']) {
      const gap = gaps.find((g) => g.question === question);
      expect(gap.best_match, question).not.toBeNull(); // the seed's column: the nearest pair, kept
      expect(gap.offered_pairs, question).toEqual([]);
      const group = groupOf(groups, question);
      expect(group.offered_pairs, question).toEqual([]);
      expect(group.gaps.find((x: any) => x.question === question).offered_pairs).toEqual([]);
    }
  });

  it('offers the questions a "Did you mean…?" reply showed, in the order shown', async () => {
    const reply = (await server.ask(bikes.workspaceId, 'can I rent an electric bike?')).message;
    expect(reply.reply_kind).toBe('clarify');
    expect(reply.suggestion_chips).toContain('Do you rent e-bikes?');
    const { groups, gaps } = await inbox(bikes);
    const gap = gaps.find((g) => g.question === 'can I rent an electric bike?');
    expect(gap.offered_pairs.map((p: any) => p.question)).toEqual(reply.suggestion_chips);
    const group = groupOf(groups, 'can I rent an electric bike?');
    expect(group.offered_pairs.map((p: any) => p.question)).toEqual(reply.suggestion_chips);

    // The owner picks the right one of them: the wording becomes a phrasing of that pair.
    const rent = group.offered_pairs.find((p: any) => p.question === 'Do you rent e-bikes?');
    const linked = await bikes.json('POST', '/api/admin/gaps/groups/link', {
      gap_ids: group.gaps.map((x: any) => x.id),
      qa_id: rent.id,
    });
    expect(linked.status).toBe(200);
    const again = (await server.ask(bikes.workspaceId, 'can I rent an electric bike?')).message;
    expect(again.reply_kind).toBe('answer');
    expect(again.content).toContain('$45 per day');
  });

  it('does not offer a pair that was deleted since', async () => {
    const reply = (await server.ask(bakery.workspaceId, 'anything without dairy?')).message;
    expect(reply.reply_kind).toBe('clarify');
    const before = (await inbox(bakery)).gaps.find((g) => g.question === 'anything without dairy?');
    const [first, ...rest] = before.offered_pairs;
    expect(first.question).toBe('Do you have dairy-free or vegan options?');
    expect((await bakery.json('DELETE', `/api/admin/knowledge/${first.id}`)).status).toBe(200);
    const after = (await inbox(bakery)).gaps.find((g) => g.question === 'anything without dairy?');
    expect(after.offered_pairs).toEqual(rest);
  });
});
