/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
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
  'Do you fix punctures?,Yes: $15 a wheel.,repairs',
  'Do you service e-bikes?,Yes: from $80.,repairs',
  'Can I book a bike fit?,Yes: 45 minutes for $60.,fitting',
].join('\n');

describe('undoing an import after editing one of its pairs', () => {
  it('says edited pairs are kept, keeps the edited one, and reports both counts', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import Q&A pairs from CSV' });
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bikes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByRole('button', { name: 'Import 3 pairs' }).click();
    await dialog.getByText('Imported 3 pairs; 0 rows skipped.').waitFor();

    // The owner corrects one imported answer (another tab, say) before deciding to undo.
    const list = await admin.owner.json('GET', '/api/admin/knowledge?q=e-bikes');
    const ebike = list.body.items[0];
    const edited = await admin.owner.json('PATCH', `/api/admin/knowledge/${ebike.id}`, {
      answer: 'Yes: from $90, battery check included.',
    });
    expect(edited.status).toBe(200);

    await dialog.getByRole('button', { name: 'Undo this import' }).click();
    const question = dialog.getByRole('group', { name: 'Undo this import?' });
    await question.waitFor();
    expect(await question.textContent()).toContain('Pairs you have edited since are kept.');
    await dialog.getByRole('button', { name: 'Remove 3 pairs' }).click();
    await dialog.getByText('Import undone: 2 pairs removed; 1 you had edited since was kept.').waitFor();

    const left = await admin.owner.json('GET', '/api/admin/knowledge?source=csv_import');
    expect(left.body.items.map((p: any) => [p.question, p.answer])).toEqual([
      ['Do you service e-bikes?', 'Yes: from $90, battery check included.'],
    ]);
  });
});
