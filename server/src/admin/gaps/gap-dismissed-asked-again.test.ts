/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A question the owner dismissed stays dismissed: a visitor asking it again (same wording, case
// and punctuation aside) still files a gap row (the seed's rule for a reply below the threshold),
// but that row is dismissed and counted on the dismissed gap, never a new open item in the inbox.
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

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
  const reply = ((await res.json()) as any).message;
  expect(['gap', 'clarify']).toContain(reply.reply_kind);
}

const inbox = async () => {
  const res = await owner.json('GET', '/api/admin/gaps/groups');
  expect(res.status).toBe(200);
  return res.body as { groups: any[]; counts: Record<string, number> };
};

const dismissed = async () => {
  const res = await owner.json('GET', '/api/admin/gaps?status=dismissed');
  expect(res.status).toBe(200);
  return res.body as { items: any[]; counts: Record<string, number> };
};

const gapRows = async (key: string) =>
  (
    await server.db.query<{ status: string }>(
      'SELECT status FROM qa_gaps WHERE workspace_id = $1 AND lower(question) LIKE $2 ORDER BY created_at',
      [owner.workspaceId, `${key}%`],
    )
  ).map((r) => r.status);

describe('a dismissed question asked again', () => {
  let gapId = '';

  it('is counted on the dismissed gap, not filed as a new open gap', async () => {
    await ask('Can I get a discount?');
    const group = (await inbox()).groups.find((g) => g.question === 'Can I get a discount?');
    expect(group).toBeDefined();
    gapId = group.gaps[0].id;
    const res = await owner.json('POST', '/api/admin/gaps/groups/dismiss', { gap_ids: [gapId] });
    expect(res.body).toEqual({ dismissed: 1 });

    await ask('Can I get a discount?');
    const after = await inbox();
    expect(after.groups.find((g) => g.gaps.some((x: any) => /discount/i.test(x.question)))).toBeUndefined();
    expect(after.counts).toMatchObject({ open: 0, dismissed: 1 });
    const list = await dismissed();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: gapId, status: 'dismissed', asks_since_dismissed: 1 });
    // The seed's rule holds: the reply below the threshold filed a gap row, dismissed with its group.
    expect(await gapRows('can i get a discount')).toEqual(['dismissed', 'dismissed']);
  });

  it('matches the wording as the inbox does (case and punctuation aside)', async () => {
    await ask('can i get a DISCOUNT');
    expect((await inbox()).counts.open).toBe(0);
    const [gap] = (await dismissed()).items;
    expect(gap).toMatchObject({ id: gapId, asks_since_dismissed: 2 });
    expect(Date.parse(gap.last_asked_at)).toBeGreaterThan(Date.parse(gap.created_at));
  });

  it('also for a gap dismissed before the wording key was stored', async () => {
    await server.db.query('UPDATE qa_gaps SET question_key = NULL WHERE id = $1', [gapId]);
    await ask('Can I get a discount?');
    expect((await inbox()).counts.open).toBe(0);
    expect((await dismissed()).items[0]).toMatchObject({ id: gapId, asks_since_dismissed: 3 });
  });

  it('opens again only when the owner reopens it', async () => {
    const res = await owner.json('POST', `/api/admin/gaps/${gapId}/reopen`);
    expect(res.status).toBe(200);
    const open = await inbox();
    expect(open.counts).toMatchObject({ open: 1, dismissed: 0 });
    expect(open.groups.map((g) => g.question)).toContain('Can I get a discount?');
    // Open again: the next ask is counted on the open gap, as any open gap's.
    await ask('Can I get a discount?');
    expect((await inbox()).counts.open).toBe(1);
  });

  it('leaves other questions filed as open gaps', async () => {
    await ask('Do you repair bicycles?');
    expect((await inbox()).groups.map((g) => g.question)).toContain('Do you repair bicycles?');
  });
});
