import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// The owner's side of follow-ups: the Settings switch and "asked by … (email)" on the Gaps page.
let admin: AdminHarness;
let artifacts: string;
let server: TestServer;
let owner: AdminClient;
const question = 'Do you sell gift cards for birthdays?';

beforeAll(async () => {
  admin = await startAdmin();
  ({ server, owner, artifacts } = admin);
  await server.addPairs(owner.workspaceId, [
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5.', category: 'general' },
  ]);
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: crypto.randomUUID(),
      message_id: crypto.randomUUID(),
      message: question,
      visitor: { name: 'Ada Lovelace', email: 'ada@example.com' },
    }),
  });
  expect(res.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('follow-ups in the admin (Chromium)', () => {
  it('switches follow-ups off in Settings and shows who asked a gap with their email (1366 px)', async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const context = page.context();
    try {
      await page.goto(`${server.url}/admin/settings`);
      const toggle = page.getByLabel('Tell colleagues when their question is answered');
      await toggle.waitFor();
      expect(await toggle.isChecked()).toBe(true);
      const group = page.getByRole('group', { name: 'Slack and Teams' });
      expect(await group.textContent()).toContain('Website visitors are never contacted');
      await toggle.focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      expect((await owner.json('GET', '/api/admin/settings')).body.settings.followups_enabled).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await group.screenshot({ path: join(artifacts, 'settings-followups.png') });

      await page.goto(`${server.url}/admin/gaps`);
      const email = page.getByRole('link', { name: 'ada@example.com' }).first();
      await email.waitFor();
      expect(await email.getAttribute('href')).toBe('mailto:ada@example.com');
      // Its card (a card of one wording says its question once, in the title).
      const wording = page.locator('article.gap-group', { hasText: question }).first();
      expect(await wording.textContent()).toContain('asked by Ada Lovelace (ada@example.com)');
      expect(await axeViolations(page)).toEqual([]);
      await wording.screenshot({ path: join(artifacts, 'gaps-asked-by.png') });
    } finally {
      await context.close();
    }
  });
});
