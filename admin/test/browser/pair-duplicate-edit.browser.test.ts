/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner } = admin);
  const created = await owner.json('POST', '/api/admin/knowledge', {
    question: 'Do you clean carpets?',
    answer: 'Yes, carpet shampooing is $30 per room.',
    category: 'cleaning',
  });
  expect(created.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('the near-duplicate warning', () => {
  it('offers “Edit the existing pair”, which opens that pair in the form, focus on its question', async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    try {
      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByRole('button', { name: 'Add pair' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a Q&A pair' });
      await dialog.getByLabel('Question').fill('do you clean carpets');
      await dialog.getByLabel('Answer').fill('Carpets are $30 per room.');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await dialog.getByText('This looks like a duplicate').waitFor();
      const existing = dialog.getByRole('button', { name: 'Edit the existing pair' });
      await existing.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await existing.focus();
      await page.keyboard.press('Enter');
      const edit = page.getByRole('dialog', { name: 'Edit Q&A pair' });
      await edit.waitFor();
      expect(await edit.getByLabel('Question').inputValue()).toBe('Do you clean carpets?');
      expect(await edit.getByLabel('Answer').inputValue()).toBe('Yes, carpet shampooing is $30 per room.');
      expect(await edit.getByLabel('Category').inputValue()).toBe('cleaning');
      expect(await edit.getByText('This looks like a duplicate').count()).toBe(0);
      expect(
        await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('name')),
      ).toBe('question');
      // Saving edits that pair: still one carpet pair, with the new answer.
      await edit.getByLabel('Answer').fill('Yes: $30 per room, stairs included.');
      await edit.getByRole('button', { name: 'Save', exact: true }).click();
      await edit.waitFor({ state: 'hidden' });
      const list = await owner.json('GET', '/api/admin/knowledge?q=carpets');
      expect(list.body.total).toBe(1);
      expect(list.body.items[0].answer).toBe('Yes: $30 per room, stairs included.');
    } finally {
      await page.context().close();
    }
  });
});
