/**
 * The Knowledge page's bulk Activate shows the server's refusal when activating would make two
 * active copies of one question, and activates nothing. In Chromium against the real server.
 */
import type { AdminClient, TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Pawfect Grooming' });
  ({ server, owner } = admin);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('bulk Activate of a duplicate (Chromium)', () => {
  it('shows why it is refused and leaves the pair inactive', async () => {
    const pair = { question: 'Do you sell dog toys?', answer: 'Yes, by the till.', category: 'shop' };
    const retired = (await owner.json('POST', '/api/admin/knowledge', pair)).body.pair.id as string;
    expect((await owner.json('DELETE', `/api/admin/knowledge/${retired}`)).status).toBe(200);
    expect((await owner.json('POST', '/api/admin/knowledge', pair)).status).toBe(201);

    await page.goto(`${server.url}/admin/knowledge`);
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'State' }).selectOption('false');
    await page.getByRole('checkbox', { name: `Select ${pair.question}`, exact: true }).check();
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page
      .getByText(
        'Nothing was activated: that would make two active copies of one question. "Do you sell dog toys?" duplicates the active pair "Do you sell dog toys?" (100% similar). Edit or deactivate the other pair first, or activate one of them only.',
      )
      .waitFor({ timeout: 5_000 });
    expect(await page.getByText('Activated.').count()).toBe(0);
    expect((await owner.json('GET', `/api/admin/knowledge/${retired}`)).body.pair.is_active).toBe(false);
  }, 120_000);
});
