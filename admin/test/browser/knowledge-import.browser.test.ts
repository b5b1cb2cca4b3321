/**
 * The Knowledge page's CSV import and pair dialogs in Chromium against the real server: files the
 * importer cannot read get a plain message inside the dialog, undo asks first, and a near-duplicate
 * leaves one way to save.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Sparkle Home Cleaning' });
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
});
afterAll(() => admin?.close());

const importDialog = () => page.getByRole('dialog', { name: 'Import Q&A pairs from CSV' });

async function choose(name: string, buffer: Buffer): Promise<void> {
  await importDialog().locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** The element lies inside the dialog's box and the dialog has no horizontal overflow. */
async function expectInside(dialog: Locator, inner: Locator): Promise<void> {
  const outer = await dialog.boundingBox();
  const box = await inner.boundingBox();
  expect(outer && box).toBeTruthy();
  if (!outer || !box) return;
  expect(box.x).toBeGreaterThanOrEqual(outer.x);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width);
  const overflow = await dialog.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('CSV import in the admin', () => {
  it('says plainly what is wrong with a file it cannot read, inside the dialog', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = importDialog();
    // A PNG, a spreadsheet's bytes or anything else that is not text.
    const binary = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
    ]);
    const cases: [string, Buffer, string][] = [
      [
        'bad-quote.csv',
        Buffer.from('question,answer\n"Do you clean ovens?"Y,Yes\n'),
        'Row 2: a quote inside a field must be doubled ("")',
      ],
      // A long file name without spaces wraps too.
      [
        `${'scanned_price_list_'.repeat(12)}.csv`,
        binary,
        'This file is not a CSV text file: it holds binary data',
      ],
      [
        'empty.csv',
        Buffer.from(''),
        'The file is empty: it needs a header row question,answer[,category] and one row per pair.',
      ],
    ];
    for (const [name, buffer, message] of cases) {
      await choose(name, buffer);
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent(), name).toContain(message);
      await expectInside(dialog, alert);
      await expectInside(dialog, dialog.locator('.file-drop span'));
      // Nothing to import: no preview, no Import button.
      await expect(dialog.getByRole('button', { name: /^Import \d/ }).count()).resolves.toBe(0);
    }
    await page.screenshot({ path: join(admin.artifacts, 'knowledge-import-binary.png') });

    // Over the limit the message names: "over 20 MB", not 21.
    await choose('big.csv', Buffer.from(`question,answer\nq,"${'x'.repeat(22 * 1000 * 1000)}"\n`));
    await dialog.getByRole('alert').filter({ hasText: 'The file is over 20 MB.' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('asks before undoing an import, saying how many pairs it removes', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = importDialog();
    const csv =
      'question,answer,category\nDo you clean ovens?,"Yes, $40 per oven.",pricing\nDo you bring supplies?,Yes: all of them.,process\nDo you clean windows?,Inside ones at $5 each.,pricing\n';
    await choose('faq.csv', Buffer.from(csv));
    await dialog.getByRole('button', { name: 'Import 3 pairs' }).click();
    await dialog.getByText('Imported 3 pairs; 0 rows skipped.').waitFor();

    await dialog.getByRole('button', { name: 'Undo this import' }).click();
    const question = dialog.getByRole('group', { name: 'Undo this import?' });
    await question.waitFor();
    expect(await question.textContent()).toContain('Remove the 3 pairs this import added');
    // The safe answer has the focus; keeping them changes nothing.
    const keep = question.getByRole('button', { name: 'Keep them' });
    await expect(keep.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.screenshot({ path: join(admin.artifacts, 'knowledge-undo-confirm.png') });
    await keep.click();
    await dialog.getByRole('button', { name: 'Undo this import' }).waitFor();
    expect((await admin.owner.json('GET', '/api/admin/knowledge?source=csv_import')).body.total).toBe(3);

    await dialog.getByRole('button', { name: 'Undo this import' }).click();
    await dialog.getByRole('button', { name: 'Remove 3 pairs' }).click();
    await dialog.getByText('Import undone: 3 pairs removed.').waitFor();
    expect((await admin.owner.json('GET', '/api/admin/knowledge?source=csv_import')).body.total).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});

describe('near-duplicate pair', () => {
  it('offers one way to save once the warning shows, and Save again when the question changes', async () => {
    const created = await admin.owner.json('POST', '/api/admin/knowledge', {
      question: 'Do you clean carpets?',
      answer: 'Yes, carpet shampooing is $30 per room.',
    });
    expect(created.status).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: 'Add pair' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a Q&A pair' });
    await dialog.getByLabel('Question').fill('do you clean carpets');
    await dialog.getByLabel('Answer').fill('Carpets are $30 per room.');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText('This looks like a duplicate').waitFor();
    await expect(dialog.getByRole('button', { name: 'Save', exact: true }).count()).resolves.toBe(0);
    await expect(dialog.getByRole('button', { name: 'Save anyway' }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(admin.artifacts, 'knowledge-duplicate-one-choice.png') });

    // Another question is checked again: the warning goes and Save is back.
    await dialog.getByLabel('Question').fill('Do you clean rugs?');
    await expect(dialog.getByText('This looks like a duplicate').count()).resolves.toBe(0);
    await expect(dialog.getByRole('button', { name: 'Save anyway' }).count()).resolves.toBe(0);
    await dialog.getByLabel('Question').fill('do you clean carpets');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const both = await admin.owner.json('GET', '/api/admin/knowledge?q=carpets');
    expect(both.body.total).toBe(2);
  });
});
