/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// A florist reads a conversation: the replies the visitor rated show a thumb up or down (and say
// so in words to a screen reader); an unrated reply shows neither.

describe('ratings in the Conversations transcript (Chromium)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let owner: AdminClient;
  let artifacts: string;

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Bloom & Stem' });
    ({ server, owner, artifacts } = admin);
    await server.addPairs(owner.workspaceId, [
      {
        question: 'What are your opening hours?',
        answer: 'Monday to Saturday, 8 to 6.',
        category: 'general',
      },
      {
        question: 'Do you deliver bouquets?',
        answer: 'Yes, same day within 10 km, 6 euros.',
        category: 'delivery',
      },
      {
        question: 'Do you sell potted plants?',
        answer: 'Yes, orchids, ferns and succulents.',
        category: 'shop',
      },
    ]);
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('shows 👍 and 👎 on the rated replies, with words for screen readers', async () => {
    const session = randomUUID();
    const post = async (path: string, body: object) => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ workspace_id: owner.workspaceId, session_token: session, ...body }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as any;
    };
    const ask = async (message: string) =>
      (await post('/api/chat', { message_id: randomUUID(), message })).message;
    const hours = await ask('What are your opening hours?');
    const delivery = await ask('Do you deliver bouquets?');
    await ask('Do you sell potted plants?');
    await post('/api/chat/feedback', { message_id: hours.message_id, rating: 'up' });
    await post('/api/chat/feedback', { message_id: delivery.message_id, rating: 'down' });

    const [conversation] = (await owner.json('GET', '/api/admin/conversations')).body.items as any[];
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${server.url}/admin/conversations/${conversation.id}`);
      const reply = (text: string) => page.locator('.transcript .msg.assistant', { hasText: text });
      await reply('8 to 6').waitFor();

      const up = reply('8 to 6').locator('.msg-meta .rating');
      expect(await up.textContent()).toBe('👍 rated helpful');
      expect(await up.isVisible()).toBe(true);
      const down = reply('6 euros').locator('.msg-meta .rating');
      expect(await down.textContent()).toBe('👎 rated not helpful');
      expect(await down.isVisible()).toBe(true);
      // The thumb is for the eye; the words are what a screen reader reads.
      expect(await down.getByText('👎', { exact: true }).getAttribute('aria-hidden')).toBe('true');
      const unrated = reply('succulents').locator('.msg-meta');
      expect(await unrated.getByText(/👍|👎|rated/).count()).toBe(0);
      await page.screenshot({ path: join(artifacts, 'transcript-ratings.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
