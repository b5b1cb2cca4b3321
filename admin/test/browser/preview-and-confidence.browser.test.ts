/**
 * What the admin shows about the owner's own assistant, in Chromium against the real server: the
 * Settings preview shows the workspace's own first active pair (a neutral placeholder, no made-up
 * business facts, while the knowledge base is empty), and a conversation shows a reply's
 * confidence only when it was answered or offered from pairs (not for the booking link).
 */
import type { AdminClient, TestServer } from '@clara/server/testing';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Corner Books & Coffee' });
  ({ server, owner } = admin);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

/** The Settings preview's exchange, once its question reads `question` (the pair loads after the page). */
async function preview(question: string): Promise<{ caption: string; question: string; answer: string }> {
  await page.goto(`${server.url}/admin/settings`);
  await page.getByTestId('widget-preview').waitFor();
  await page.getByTestId('preview-question').filter({ hasText: question }).waitFor();
  const text = async (id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();
  return {
    caption: await text('preview-caption'),
    question: await text('preview-question'),
    answer: await text('preview-answer'),
  };
}

describe('the owner’s own assistant in the admin (Chromium)', () => {
  it('previews the widget with a neutral placeholder, then with the workspace’s own first active pair', async () => {
    const empty = await preview("A visitor's question");
    expect(empty.caption).toMatch(/^Preview/);
    expect(`${empty.question} ${empty.answer}`).not.toMatch(/ship|countries|delivery/i);
    expect(empty.question).toBe("A visitor's question");

    await server.addPairs(owner.workspaceId, groomerPairs);
    const listed = await owner.json('GET', '/api/admin/knowledge?active=true&page=1&page_size=1');
    const first = listed.body.items[0];
    const own = await preview(first.question);
    expect(own.caption).toMatch(/^Preview/);
    expect(own.question).toBe(first.question);
    expect(own.answer).toBe(first.answer);
  }, 60_000);

  it('shows confidence for an answer from a pair, not for the booking link reply (from no pair)', async () => {
    const patched = await owner.json('PATCH', '/api/admin/settings', {
      settings: { escalation_enabled: true, booking_url: 'https://calendar.example/corner-books' },
    });
    expect(patched.status).toBe(200);
    const booking = (await server.ask(owner.workspaceId, 'Can I talk to a person?')).message;
    expect(booking.reply_kind).toBe('answer');
    expect(booking.matched_qa_ids).toEqual([]);
    const answered = (await server.ask(owner.workspaceId, q.paraphrase)).message;
    expect(answered.matched_qa_ids.length).toBeGreaterThan(0);

    await page.goto(`${server.url}/admin/conversations`);
    const meta = async (question: string) => {
      await page.getByRole('button', { name: question }).first().click();
      await page.locator('.transcript .msg.user', { hasText: question }).waitFor();
      const reply = page.locator('.transcript .msg.assistant').first();
      await reply.locator('.msg-meta').waitFor();
      return (await reply.locator('.msg-meta').textContent()) ?? '';
    };
    expect(await meta('Can I talk to a person?')).not.toMatch(/confidence/);
    expect(await meta(q.paraphrase)).toMatch(/confidence \d+%/);
  }, 60_000);
});
