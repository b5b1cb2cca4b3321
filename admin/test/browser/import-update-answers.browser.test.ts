/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Greenway Bike Repairs' });
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
});
afterAll(() => admin?.close());

const csv = [
  'question,answer,category',
  'How much is a full service?,£45 with a safety check.,workshop',
  'Do you fix punctures?,Yes: £10 a wheel.,workshop',
  'Can I book a bike fit?,Yes: 45 minutes for £60.,fitting',
].join('\r\n');

const dialog = () => page.getByRole('dialog', { name: 'Import Q&A pairs from CSV' });
const choose = (name: string, text: string) =>
  dialog()
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('re-importing an export with one answer changed', () => {
  it('shows the changed answer apart from the unchanged rows and updates it when the owner chooses to', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await choose('bikes.csv', csv);
    await dialog().getByRole('button', { name: 'Import 3 pairs' }).click();
    await dialog().getByText('Imported 3 pairs; 0 rows skipped.').waitFor();
    await dialog().getByRole('button', { name: 'Import another file' }).click();

    // The export, one price changed in a spreadsheet.
    const exported = await (await admin.owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    await choose(
      'bikes-edited.csv',
      exported.replace('£45 with a safety check.', '£49 with a safety check.'),
    );
    await dialog().getByText('0 of 3 rows are ready to import. 1 answer changed.').waitFor();
    const changes = dialog().getByRole('region', { name: '1 answer changed' });
    await changes.getByRole('cell', { name: '£45 with a safety check.' }).waitFor();
    await changes.getByRole('cell', { name: '£49 with a safety check.' }).waitFor();
    // The unchanged rows say so (neutrally, not as problems), and nothing to import until the owner chooses to update.
    await dialog().getByText('2 rows are already in the knowledge base, unchanged.').waitFor();
    expect(
      await dialog()
        .getByRole('cell', { name: /already in the knowledge base, unchanged/ })
        .count(),
    ).toBe(0);
    const button = dialog().getByRole('button', { name: 'Import 0 pairs' });
    expect(await button.isDisabled()).toBe(true);
    await changes.getByRole('checkbox', { name: /Update this pair with the file's answer/ }).check();
    await page.screenshot({ path: join(admin.artifacts, 'import-update-answers.png') });
    await dialog().getByRole('button', { name: 'Update 1 pair' }).click();
    await dialog()
      .getByText(
        'Imported 0 pairs; updated 1 pair (undoing this import does not change it back); 2 rows skipped.',
      )
      .waitFor();

    const list = await admin.owner.json('GET', '/api/admin/knowledge?q=full%20service');
    expect(list.body.items.map((p: any) => p.answer)).toEqual(['£49 with a safety check.']);
  });
});
