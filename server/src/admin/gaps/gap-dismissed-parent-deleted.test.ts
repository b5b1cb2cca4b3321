/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The dismissed gap that later asks of its question are attached to can be deleted with its
// conversation. The newest surviving ask then takes its place: one Dismissed card, no stray
// cards, and the next ask is still recorded as dismissed (migration 20261209070000).
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
  expect(['gap', 'clarify']).toContain(((await res.json()) as any).message.reply_kind);
}

const counts = async () => {
  const res = await owner.json('GET', '/api/admin/gaps/groups');
  expect(res.status).toBe(200);
  return (res.body as any).counts as Record<string, number>;
};

const dismissed = async () => {
  const res = await owner.json('GET', '/api/admin/gaps?status=dismissed');
  expect(res.status).toBe(200);
  return (res.body as any).items as any[];
};

const sessionOf = async (gapId: string) =>
  (await server.db.query<{ session_id: string }>('SELECT session_id FROM qa_gaps WHERE id = $1', [gapId]))[0]
    ?.session_id as string;

describe('deleting the conversation of a dismissed gap with recorded asks', () => {
  it('keeps one Dismissed card and the question dismissed', async () => {
    await ask('Can I get a discount?');
    const group = ((await owner.json('GET', '/api/admin/gaps/groups')).body as any).groups.find(
      (g: any) => g.question === 'Can I get a discount?',
    );
    const parentId = group.gaps[0].id as string;
    expect((await owner.json('POST', '/api/admin/gaps/groups/dismiss', { gap_ids: [parentId] })).status).toBe(
      200,
    );
    await ask('Can I get a discount?');
    await ask('can i get a DISCOUNT');
    expect((await dismissed())[0]).toMatchObject({ id: parentId, asks_since_dismissed: 2 });

    const del = await owner.json('DELETE', `/api/admin/conversations/${await sessionOf(parentId)}`);
    expect(del.status).toBe(200);

    const items = await dismissed();
    expect(items).toHaveLength(1);
    expect(items[0].id).not.toBe(parentId);
    // The newest ask took the card's place; the older ask is counted on it.
    expect(items[0]).toMatchObject({ status: 'dismissed', asks_since_dismissed: 1 });
    expect(await counts()).toMatchObject({ open: 0, dismissed: 1 });

    // Still dismissed: a new ask is recorded on the surviving card, not opened.
    await ask('Can I get a discount?');
    expect(await counts()).toMatchObject({ open: 0, dismissed: 1 });
    const [card] = await dismissed();
    expect(card).toMatchObject({ id: items[0].id, asks_since_dismissed: 2 });
  });

  it('survives the retention sweep deleting the new card and an ask in one go', async () => {
    const [card] = await dismissed();
    const rows = await server.db.query<{ id: string; session_id: string }>(
      `SELECT id, session_id FROM qa_gaps WHERE workspace_id = $1 AND status = 'dismissed' ORDER BY created_at`,
      [owner.workspaceId],
    );
    // Rows now: the first ask (attached), the promoted card, the last ask (attached), each from
    // its own conversation. The sweep takes the oldest two conversations in one go (limit 2): the
    // card and the first ask are deleted by one statement, the last ask survives.
    expect(rows).toHaveLength(3);
    const { deleteConversationsBefore } = await import('@clara/supabase');
    const swept = await server.db.transaction((tx) =>
      deleteConversationsBefore(tx, owner.workspaceId, new Date(Date.now() + 60_000), 2),
    );
    expect(swept).toEqual({ conversations: 2, gaps: 2 });
    const items = await dismissed();
    expect(items).toHaveLength(1);
    expect(items[0].id).not.toBe(card.id);
    expect(items[0].id).toBe(rows[2]?.id);
    await ask('Can I get a discount?');
    expect(await counts()).toMatchObject({ open: 0, dismissed: 1 });
    expect((await dismissed())[0]).toMatchObject({ id: rows[2]?.id, asks_since_dismissed: 1 });
  });
});
