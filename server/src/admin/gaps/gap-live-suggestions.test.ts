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
  await server.addPairs(owner.workspaceId, [
    ...bakeryPairs,
    {
      question: 'Do you have gluten-free cakes?',
      answer: 'Yes, a gluten-free lemon cake every day.',
      category: 'menu',
    },
  ]);
}, 60_000);
afterAll(() => server.close());

const groupOf = async (question: string) => {
  const res = await owner.json('GET', '/api/admin/gaps/groups');
  expect(res.status).toBe(200);
  return (res.body.groups as any[]).find((g) => g.gaps.some((x: any) => x.question === question));
};

describe('gap inbox suggestions read at read time', () => {
  it('offers a pair added after the gap was filed, and marks the group as answered now', async () => {
    expect((await server.ask(owner.workspaceId, 'do you have wifi')).message.reply_kind).toBe('gap');
    const before = await groupOf('do you have wifi');
    expect(before.answered_by).toBeNull();
    expect(before.offered_pairs).toEqual([]);

    await server.addPairs(owner.workspaceId, [
      {
        question: 'Do you have wifi?',
        answer: 'Yes, free wifi: the password is on the counter.',
        category: 'general',
      },
    ]);
    const after = await groupOf('do you have wifi');
    expect(after.answered_by?.question).toBe('Do you have wifi?');
    expect(after.answered_by.confidence).toBeGreaterThanOrEqual(0.5);
    expect(after.closest_pairs[0]?.question).toBe('Do you have wifi?');
    expect(after.offered_pairs.map((p: any) => p.question)).toContain('Do you have wifi?');

    // One click: the group is linked to that pair and leaves the inbox.
    const linked = await owner.json('POST', '/api/admin/gaps/groups/link', {
      gap_ids: after.gaps.map((g: any) => g.id),
      qa_id: after.answered_by.id,
    });
    expect(linked.status).toBe(200);
    expect(await groupOf('do you have wifi')).toBeUndefined();
  });

  it('keeps an honest gap unanswered, with no one-click answer', async () => {
    expect((await server.ask(owner.workspaceId, 'do you repair bicycles?')).message.reply_kind).toBe('gap');
    const group = await groupOf('do you repair bicycles?');
    expect(group.answered_by).toBeNull();
    expect(group.offered_pairs).toEqual([]);
  });

  it('skips the re-run of an old question the chat now refuses, and still lists every group', async () => {
    // Filed before text with no visible character was refused: 2,000 zero-width spaces.
    const invisible = '\u200b'.repeat(2000);
    await server.db.query('INSERT INTO qa_gaps (workspace_id, question) VALUES ($1, $2)', [
      owner.workspaceId,
      invisible,
    ]);
    expect((await server.ask(owner.workspaceId, 'do you repair bicycles?')).message.reply_kind).toBe('gap');
    await server.addPairs(owner.workspaceId, [
      {
        question: 'Do you repair bicycles?',
        answer: 'Yes, on Saturdays in the back yard.',
        category: 'general',
      },
    ]);
    const res = await owner.json('GET', '/api/admin/gaps/groups');
    expect(res.status).toBe(200);
    const groups = res.body.groups as any[];
    const old = groups.find((g) => g.gaps.some((x: any) => x.question === invisible));
    expect(old).toBeDefined();
    expect(old.answered_by).toBeNull();
    // The other groups still get their live suggestions.
    const bicycles = groups.find((g) => g.gaps.some((x: any) => x.question === 'do you repair bicycles?'));
    expect(bicycles.answered_by?.question).toBe('Do you repair bicycles?');
  });
});
