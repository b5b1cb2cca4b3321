/**
 * The owner's own reply when Clara has no answer, in Chromium against the real server: written in
 * Settings → Escalation, shown in the live preview (Clara's honest default until then, which
 * promises no follow-up), saved, and given by the chat, word for word as previewed, to a question
 * the knowledge base does not answer.
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
  admin = await startAdmin({ workspaceName: 'Stride Physio' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('the reply when Clara has no answer (Settings, Chromium)', () => {
  it('is previewed as typed, saved, and used by the chat for a gap', async () => {
    await page.goto(`${server.url}/admin/settings`);
    const field = page.getByLabel('Reply when Clara has no answer');
    await field.waitFor();
    const preview = page.getByTestId('preview-gap-reply');
    expect(await preview.textContent()).toBe(
      "I don't have that information yet. I've noted your question so the team can add the answer.",
    );
    const own = "I don't know that yet, sorry. Call us on 01234 567890 and we'll help.";
    await field.fill(own);
    expect(await preview.textContent()).toBe(own);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await owner.json('GET', '/api/admin/settings')).body.settings.gap_reply).toBe(own);

    const reply = (await server.ask(owner.workspaceId, q.unrelated)).message;
    expect(reply.reply_kind).toBe('gap');
    // The visitor reads exactly what the preview shows; the chips still follow it.
    expect(reply.content).toBe(await preview.textContent());
    expect(reply.suggestion_chips.length).toBeGreaterThan(0);

    // The field stops at 500 characters (the server refuses longer: gap-reply.test.ts); the saved text stays.
    await field.fill('x'.repeat(499));
    await field.press('End');
    await page.keyboard.type('yz');
    expect((await field.inputValue()).length).toBe(500);
    await page.reload();
    await field.waitFor();
    expect(await field.inputValue()).toBe(own);
  }, 120_000);
});
