/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// A shop's gap inbox (what a florist found): a visitor's thumbs-down on a "Did you mean…?" reply (the widget says
// "Thanks, the owner will see this.") is marked on the gap card of that wording, even when another
// visitor's ask of it filed the gap; a card of one wording says its question and "asked once"
// once, in its title and badge.

// The bike shop of gap-disliked-answer, where "can i rent" gets "Did you mean…?".
const pairs = [
  ['Do you fix flat tyres?', 'Yes, a flat tyre is fixed while you wait, 15 euros.', 'repairs'],
  ['What are your opening hours?', 'Tuesday to Saturday, 9 to 6.', 'general'],
  ['Do you rent electric bikes?', 'Yes, e-bikes from 35 euros a day, helmet included.', 'rental'],
  ['Do you rent tandems?', 'One tandem, 50 euros a day: book a week ahead.', 'rental'],
  ['Can I hire a child seat?', 'Yes, 5 euros a day with any rental.', 'rental'],
  ['Do you sell kids bikes?', 'Yes, from balance bikes to 26 inch wheels.', 'shop'],
] as const;

describe('gap cards in Chromium (florist)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;
  let artifacts: string;

  const ask = async (message: string, session = randomUUID()) => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: randomUUID(),
        message,
      }),
    });
    return ((await res.json()) as any).message;
  };
  const rate = async (session: string, messageId: string, rating: 'up' | 'down') => {
    const res = await fetch(`${server.url}/api/chat/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: messageId,
        rating,
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as any).feedback;
  };
  const card = (title: string) =>
    page.locator('article.gap-group', { has: page.getByRole('heading', { name: title, exact: true }) });
  const group = async (title: string) =>
    ((await owner.json('GET', '/api/admin/gaps/groups')).body.groups as any[]).find(
      (g) => g.question === title,
    );

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Spokes Bike Shop' });
    ({ server, owner, artifacts } = admin);
    for (const [question, answer, category] of pairs) {
      expect((await owner.json('POST', '/api/admin/knowledge', { question, answer, category })).status).toBe(
        201,
      );
    }
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);
  const inbox = async () => {
    await page.goto(`${server.url}/admin/gaps`);
    await page.getByRole('heading', { name: 'Gap inbox', level: 1 }).waitFor();
  };

  afterAll(async () => {
    await admin?.close();
  });

  it('marks a thumbs-down on a "Did you mean…?" reply on the gap card of that wording', async () => {
    // One visitor asks and files the gap; another asks the same words, gets "Did you mean…?" too,
    // and rates it down: no second gap is filed, the first one carries the dislike.
    const first = await ask('can i rent');
    expect(first.reply_kind).toBe('clarify');
    const session = randomUUID();
    const reply = await ask('Can I rent', session);
    expect(reply.reply_kind).toBe('clarify');
    expect(await rate(session, reply.message_id, 'down')).toMatchObject({
      feedback: 'down',
      gap_filed: false,
    });
    expect((await group('can i rent')).gaps[0]).toMatchObject({
      disliked: false,
      disliked_reply: 'clarify',
      asks: 2,
    });

    await inbox();
    const gap = card('can i rent');
    await gap.getByText('Visitor disliked the “Did you mean…?” reply').waitFor();
    // Still filed for low confidence: the dislike is said beside it, not instead of it.
    expect(await gap.locator('.badge').allTextContents()).toEqual(
      expect.arrayContaining(['Low confidence', 'Visitor disliked the “Did you mean…?” reply']),
    );
    await page.screenshot({ path: join(artifacts, 'gaps-clarify-disliked.png'), fullPage: true });
  }, 120_000);

  it('marks a thumbs-down on the honest gap reply too, and nothing on a wording nobody rated', async () => {
    const session = randomUUID();
    const reply = await ask('what is the wifi password', session);
    expect(reply.reply_kind).toBe('gap');
    await rate(session, reply.message_id, 'down');
    expect((await ask('who won the football last night')).reply_kind).toBe('gap');
    await inbox();
    await card('what is the wifi password')
      .getByText('Visitor disliked the reply', { exact: true })
      .waitFor();
    const unrated = card('who won the football last night');
    await unrated.getByText('Low confidence').waitFor();
    expect(await unrated.getByText(/Visitor disliked/).count()).toBe(0);
  }, 120_000);

  it('shows the question and “asked once” of a one-wording card once', async () => {
    await inbox();
    const single = card('who won the football last night');
    await single.getByText('Low confidence').waitFor();
    expect(await single.getByText('who won the football last night', { exact: true }).count()).toBe(1);
    expect(await single.getByText('asked once', { exact: true }).count()).toBe(1);
    expect(await single.getByText(/asked once/).count()).toBe(1);
    await single.screenshot({ path: join(artifacts, 'gaps-single-wording.png') });
  }, 120_000);
});
