/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AdminClient, signUpOwner, type TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
let server: TestServer;
let owner: AdminClient;
let other: AdminClient;

async function signedIn(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const page = await admin.signIn({ viewport: { width, height }, bypassCSP: true, acceptDownloads: true });
  return { context: page.context(), page };
}

const sideways = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    return Math.max(doc.documentElement.scrollWidth, doc.body.scrollWidth) - doc.documentElement.clientWidth;
  });

const focused = (page: Page) =>
  page.evaluate(() => (globalThis as any).document.activeElement?.textContent?.trim() ?? '');

async function download(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  return readFileSync((await file.path()) as string, 'utf8');
}

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner, artifacts } = admin);
  other = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  await server.addPairs(other.workspaceId, groomerPairs);
  await server.ask(owner.workspaceId, q.paraphrase);
  await server.ask(owner.workspaceId, q.unrelated);
  await server.ask(other.workspaceId, 'a question only the other workspace was asked');
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe("visitors' data in the admin (Chromium)", () => {
  it('sets retention by keyboard, exports CSV and JSON, deletes a conversation through a keyboard dialog (1366 px)', async () => {
    const { context, page } = await signedIn(1366, 900);
    try {
      // Settings: off by default; turned on with the keyboard and saved.
      await page.goto(`${server.url}/admin/settings`);
      const toggle = page.getByLabel('Delete old conversations automatically');
      await toggle.waitFor();
      expect(await toggle.isChecked()).toBe(false);
      await toggle.focus();
      await page.keyboard.press('Space');
      const days = page.getByLabel('Keep conversations for (days)');
      expect(await days.inputValue()).toBe('90');
      await days.focus();
      // An emptied box stays empty and is refused on save, not silently replaced.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      expect(await days.inputValue()).toBe('');
      await page.getByRole('button', { name: 'Save settings' }).click();
      // Said next to the box, in words (not "retention_days: …").
      await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#problem-retention_days').textContent()).toBe(
        'Keep conversations for a whole number of days.',
      );
      expect((await owner.json('GET', '/api/admin/settings')).body.settings.retention_days).toBeNull();
      await days.focus();
      await page.keyboard.type('30');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      expect((await owner.json('GET', '/api/admin/settings')).body.settings.retention_days).toBe(30);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('group', { name: "Visitors' data" }).screenshot({
        path: join(artifacts, 'settings-retention.png'),
      });

      // Export: exactly this workspace's conversations.
      await page.goto(`${server.url}/admin/conversations`);
      await page.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();
      await page.getByRole('button', { name: new RegExp(q.unrelated.replace('?', '\\?')) }).waitFor();
      const csv = await download(page, 'Export CSV');
      expect(csv).toContain(q.paraphrase);
      expect(csv).toContain(q.unrelated);
      expect(csv).not.toContain('only the other workspace');
      const json = JSON.parse(await download(page, 'Export JSON'));
      expect(json.workspace_id).toBe(owner.workspaceId);
      expect(json.conversations).toHaveLength(2);

      // Delete one conversation with the keyboard only.
      await page.getByRole('button', { name: new RegExp(q.unrelated.replace('?', '\\?')) }).click();
      const remove = page.getByRole('button', { name: 'Delete conversation' });
      await remove.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
      await dialog.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(artifacts, 'conversations-delete-dialog.png') });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await focused(page)).toBe('Delete conversation');
      // Enter on the focused button itself (a page-level press raced the closing dialog on a busy CI).
      await remove.press('Enter');
      await dialog.waitFor();
      for (let i = 0; i < 5 && (await focused(page)) !== 'Delete for good'; i++)
        await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Delete for good');
      await page.keyboard.press('Enter');
      await page.getByText('Conversation deleted.').waitFor();
      await page.getByRole('button', { name: new RegExp(q.unrelated.replace('?', '\\?')) }).waitFor({
        state: 'detached',
      });
      const left = (await owner.json('GET', '/api/admin/conversations')).body;
      expect(left.total).toBe(1);
      expect(JSON.stringify((await owner.json('GET', '/api/admin/gaps')).body)).not.toContain(q.unrelated);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(artifacts, 'conversations-export-delete.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 180_000);

  it('fits a 375 px phone: the export buttons and the delete dialog, no sideways scrolling', async () => {
    const { context, page } = await signedIn(375, 812);
    try {
      await page.goto(`${server.url}/admin/conversations`);
      await page.getByRole('button', { name: 'Export CSV' }).waitFor();
      await page.locator('.conv').first().click();
      await page.getByRole('button', { name: 'Delete conversation' }).waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(artifacts, 'phone-conversations-delete.png'), fullPage: true });
      await page.getByRole('button', { name: 'Delete conversation' }).click();
      await page.getByRole('dialog', { name: 'Delete this conversation?' }).waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await page.keyboard.press('Escape');
      await page.goto(`${server.url}/admin/settings`);
      await page.getByRole('group', { name: "Visitors' data" }).waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await page.getByRole('group', { name: "Visitors' data" }).screenshot({
        path: join(artifacts, 'phone-settings-retention.png'),
      });
    } finally {
      await context.close();
    }
  }, 120_000);
});
