/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
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
}, 60_000);
afterAll(() => server.close());

const list = async (status: string) => (await owner.json('GET', `/api/admin/gaps?status=${status}`)).body;
async function gapFor(question: string) {
  expect((await server.ask(owner.workspaceId, question)).message.gap_detected, question).toBe(true);
  const gap = (await list('open')).items.find((g: any) => g.question === question);
  expect(gap, question).toBeTruthy();
  return gap;
}

describe('reopening a dismissed gap', () => {
  it('puts a dismissed gap back in the open inbox, once, for its owner only', async () => {
    const gap = await gapFor('do you sell dog shampoo to take home?');
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/dismiss`)).status).toBe(200);
    const dismissed = await list('dismissed');
    expect(dismissed.items.map((g: any) => g.id)).toContain(gap.id);

    expect((await other.json('POST', `/api/admin/gaps/${gap.id}/reopen`)).status).toBe(404);
    const reopened = await owner.json('POST', `/api/admin/gaps/${gap.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.gap).toMatchObject({
      id: gap.id,
      status: 'open',
      question: gap.question,
      resolved_qa: null,
      resolved_by: null,
    });
    const open = await list('open');
    expect(open.items.map((g: any) => g.id)).toContain(gap.id);
    expect(open.counts.dismissed).toBe(dismissed.counts.dismissed - 1);
    const groups = (await owner.json('GET', '/api/admin/gaps/groups')).body.groups;
    expect(groups.some((g: any) => g.gaps.some((x: any) => x.id === gap.id))).toBe(true);

    const twice = await owner.json('POST', `/api/admin/gaps/${gap.id}/reopen`);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/open/) });

    // Reopened, it can be answered as any open gap.
    const answered = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer: 'Yes, our shampoo is on the shelf by the door.',
    });
    expect(answered.status).toBe(200);
    const resolved = await owner.json('POST', `/api/admin/gaps/${gap.id}/reopen`);
    expect(resolved.status).toBe(409);
    expect(resolved.body.error.message).toMatch(/resolved/);
    expect((await owner.json('POST', '/api/admin/gaps/not-a-gap/reopen')).status).toBe(404);
  });

  it('refuses (409) when an open gap of the same wording was filed since: that gap is open already', async () => {
    const question = 'can my cat come in for a bath?';
    const gap = await gapFor(question);
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/dismiss`)).status).toBe(200);
    // A visitor's ask of a dismissed wording is counted on it, not opened (gap-dismissed-asked-again):
    // an open gap of that wording comes from before that rule (or a thumbs-down).
    await server.db.query(`INSERT INTO qa_gaps (workspace_id, question) VALUES ($1, $2)`, [
      owner.workspaceId,
      'Can my cat come in for a bath?',
    ]);
    const res = await owner.json('POST', `/api/admin/gaps/${gap.id}/reopen`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/asked this again/);
    expect((await list('dismissed')).items.map((g: any) => g.id)).toContain(gap.id);
  });
});

describe('undoing a group’s dismissal', () => {
  it('reopens every gap of a dismissed group at once, or none', async () => {
    const a = await gapFor('do you trim rabbit nails?');
    const b = await gapFor('can you clip my rabbit’s claws?');
    const dismissed = await owner.json('POST', '/api/admin/gaps/groups/dismiss', { gap_ids: [a.id, b.id] });
    expect(dismissed.body).toEqual({ dismissed: 2 });

    const c = await gapFor('do you groom guinea pigs?');
    // One gap still open: nothing is reopened.
    const mixed = await owner.json('POST', '/api/admin/gaps/groups/reopen', { gap_ids: [a.id, b.id, c.id] });
    expect(mixed.status).toBe(409);
    expect((await list('dismissed')).items.map((g: any) => g.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    );
    expect((await other.json('POST', '/api/admin/gaps/groups/reopen', { gap_ids: [a.id] })).status).toBe(404);
    expect((await owner.json('POST', '/api/admin/gaps/groups/reopen', { gap_ids: [] })).status).toBe(400);

    const undone = await owner.json('POST', '/api/admin/gaps/groups/reopen', { gap_ids: [a.id, b.id] });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ reopened: 2 });
    const open = (await list('open')).items.map((g: any) => g.id);
    expect(open).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect((await owner.json('POST', '/api/admin/gaps/groups/reopen', { gap_ids: [a.id] })).status).toBe(409);
  });

  it('refuses two dismissed gaps of one wording (one open gap a wording)', async () => {
    const first = await gapFor('do you sell flea collars?');
    expect((await owner.json('POST', `/api/admin/gaps/${first.id}/dismiss`)).status).toBe(200);
    // Two dismissed gaps of one wording (filed before an ask of a dismissed wording was counted on it).
    const [second] = await server.db.query<{ id: string }>(
      `INSERT INTO qa_gaps (workspace_id, question, status) VALUES ($1, $2, 'dismissed') RETURNING id`,
      [owner.workspaceId, 'Do you sell flea collars?'],
    );
    if (!second) throw new Error('no gap inserted');
    const both = await owner.json('POST', '/api/admin/gaps/groups/reopen', {
      gap_ids: [first.id, second.id],
    });
    expect(both.status).toBe(409);
    expect((await list('open')).items.some((g: any) => [first.id, second.id].includes(g.id))).toBe(false);
    expect((await owner.json('POST', `/api/admin/gaps/${second.id}/reopen`)).status).toBe(200);
  });
});

describe('who resolved a gap', () => {
  it('tells a visitor’s pick in the chat from the owner’s answer', async () => {
    const choice = await recordAChoice(server.url, owner.workspaceId);
    const mine = await gapFor('do you board dogs overnight?');
    expect(
      (
        await owner.json('POST', `/api/admin/gaps/${mine.id}/resolve`, {
          answer: 'Yes, overnight stays are $40.',
        })
      ).status,
    ).toBe(200);
    const { items } = await list('resolved');
    expect(items.find((g: any) => g.question === choice.question)).toMatchObject({
      resolved_by: 'visitor',
      resolved_qa: { question: choice.chosen },
    });
    expect(items.find((g: any) => g.id === mine.id)).toMatchObject({
      resolved_by: 'owner',
      resolved_qa: { question: 'do you board dogs overnight?' },
    });
    expect((await list('open')).items.every((g: any) => g.resolved_by === null)).toBe(true);
  });
});
