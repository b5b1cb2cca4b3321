import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
const question = 'What time do you open on Saturdays?';

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Riverside Bakery' });
  ({ server, owner } = admin);
  const created = await owner.json('POST', '/api/admin/knowledge', {
    question,
    answer: 'We open at 8am on Saturdays.',
    category: 'hours',
  });
  expect(created.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

async function openEditor(page: Page) {
  await page.goto(`${server.url}/admin/knowledge`);
  await page.getByRole('button', { name: `Edit “${question}”`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Q&A pair' });
  await dialog.waitFor();
  return dialog;
}

const storedAnswer = async () =>
  (await owner.json('GET', `/api/admin/knowledge?q=${encodeURIComponent('Saturdays')}`)).body.items[0].answer;

describe('two admin sessions editing one pair', () => {
  it('the later save of an older version is refused, says so, and offers the current text', async () => {
    // Two sessions (two browser contexts) open the same pair.
    const first = await admin.signIn({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const second = await admin.signIn({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    try {
      const a = await openEditor(first);
      const b = await openEditor(second);

      await a.getByLabel('Answer').fill('We open at 7am on Saturdays, from March.');
      await a.getByRole('button', { name: 'Save', exact: true }).click();
      await a.waitFor({ state: 'hidden' });
      expect(await storedAnswer()).toBe('We open at 7am on Saturdays, from March.');

      // B still shows what it opened; its save must not overwrite A's.
      await b.getByLabel('Answer').fill('We open at 9am on Saturdays.');
      await b.getByRole('button', { name: 'Save', exact: true }).click();
      await b.getByText('This pair was changed since you opened it').waitFor();
      await b.getByText('We open at 7am on Saturdays, from March.').waitFor();
      expect(await storedAnswer()).toBe('We open at 7am on Saturdays, from March.');
      expect(await axeViolations(second)).toEqual([]);

      await b.getByRole('button', { name: 'Load the current text' }).click();
      expect(await b.getByLabel('Answer').inputValue()).toBe('We open at 7am on Saturdays, from March.');
      expect(await b.getByText('This pair was changed since you opened it').count()).toBe(0);
      await b.getByLabel('Answer').fill('We open at 7am on Saturdays, from March; 8am in winter.');
      await b.getByRole('button', { name: 'Save', exact: true }).click();
      await b.waitFor({ state: 'hidden' });
      expect(await storedAnswer()).toBe('We open at 7am on Saturdays, from March; 8am in winter.');
    } finally {
      await first.context().close();
      await second.context().close();
    }
  });
});
