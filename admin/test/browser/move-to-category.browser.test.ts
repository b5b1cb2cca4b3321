import type { AdminClient, TestServer } from '@clara/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// A physiotherapy clinic's "Move to category…" offers its own categories (not the seed's
// case_studies, developers…) and lets the owner type a new one.
let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Riverside Physio' });
  ({ server, owner } = admin);
  for (const [question, category] of [
    ['How long is the first visit?', 'First visit'],
    ['Who runs the clinic?', 'About us'],
    ['Do you sell gift vouchers?', 'general'],
  ]) {
    await owner.json('POST', '/api/admin/knowledge', { question, answer: 'Yes.', category });
  }
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('Knowledge: Move to category…', () => {
  it("offers the workspace's own categories and a new one typed in place", async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
      await page.getByLabel('Select Do you sell gift vouchers?', { exact: true }).check();
      const move = page.getByLabel('Move to category', { exact: true });
      const offered = await move
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).textContent));
      expect(offered).toEqual(['Move to category…', 'About us', 'First visit', 'general', 'New category…']);
      // The chips show the owner's label.
      await page.locator('.badge', { hasText: 'First visit' }).first().waitFor();

      await move.selectOption({ label: 'New category…' });
      await page.getByLabel('New category', { exact: true }).fill('Gift   Vouchers');
      await page.getByRole('button', { name: 'Move', exact: true }).click();
      await page.getByText('Moved to Gift Vouchers.').waitFor();
      const { body } = await owner.json('GET', '/api/admin/knowledge?q=vouchers');
      expect(body.items[0].category).toBe('Gift Vouchers');

      await page.getByLabel('Select Who runs the clinic?', { exact: true }).check();
      const now = await page
        .getByLabel('Move to category', { exact: true })
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).textContent));
      expect(now).toEqual(['Move to category…', 'About us', 'First visit', 'Gift Vouchers', 'New category…']);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
