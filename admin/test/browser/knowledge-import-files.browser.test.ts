/**
 * The Knowledge page's CSV import in Chromium against the real server, with the files Excel
 * writes: UTF-16 is read (the dialog sends the file's bytes), a Windows-1252 CSV is refused with
 * how to save it as UTF-8, an export's is_active=false rows are counted as inactive, and the row
 * table's header says Row as its messages do; the export is UTF-8 with a BOM.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Bakery Lumière' });
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
});
afterAll(() => admin?.close());

const importDialog = () => page.getByRole('dialog', { name: 'Import Q&A pairs from CSV' });
const choose = (name: string, buffer: Buffer) =>
  importDialog().locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });

describe('CSV import: the files Excel writes', () => {
  it('refuses a Windows-1252 CSV saying how to save it as CSV UTF-8', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await choose('excel.csv', Buffer.from('question,answer\nHow much is a baguette?,£1.20\n', 'latin1'));
    const alert = importDialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This file is not UTF-8 text (row 2');
    expect(await alert.textContent()).toContain('File → Save As → "CSV UTF-8 (Comma delimited)"');
    await expect(
      importDialog()
        .getByRole('button', { name: /^Import \d/ })
        .count(),
    ).resolves.toBe(0);
  });

  it('imports a UTF-16 file, counting inactive rows and naming the earlier row of a duplicate', async () => {
    const csv = [
      'question,answer,category,is_active',
      'How much is a baguette?,£1.20,général,true',
      'Do you bake croissants?,Every morning.,général,false',
      'How much is a BAGUETTE?,£1.30,général,true',
      'Are you open on Sundays?,Until noon.,,',
    ].join('\r\n');
    await choose('unicode.csv', Buffer.from(`\uFEFF${csv}`, 'utf16le'));
    const dialog = importDialog();
    await dialog.getByText('3 of 4 rows are ready to import (1 of them inactive).').waitFor();
    await expect(dialog.getByRole('columnheader', { name: 'Row' }).count()).resolves.toBe(1);
    await expect(dialog.getByRole('columnheader', { name: 'Line' }).count()).resolves.toBe(0);
    const problem = dialog.getByRole('row').filter({ hasText: 'duplicate question: same as row 2' });
    expect(await problem.getByRole('cell').first().textContent()).toBe('4');

    await dialog.getByRole('button', { name: 'Import 3 pairs' }).click();
    await dialog.getByText('Imported 3 pairs (1 inactive); 1 row skipped.').waitFor();
    const { body } = await admin.owner.json('GET', '/api/admin/knowledge?active=all');
    const pairs = Object.fromEntries(
      (body.items as { question: string; answer: string; category: string; is_active: boolean }[]).map(
        (p) => [p.question, `${p.answer} ${p.category} ${p.is_active}`],
      ),
    );
    expect(pairs).toEqual({
      'How much is a baguette?': '£1.20 général true',
      'Do you bake croissants?': 'Every morning. général false',
      'Are you open on Sundays?': 'Until noon. general true',
    });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('exports a file Excel reads as UTF-8 (a BOM first), with is_active for each pair', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('clara-knowledge.csv');
    const bytes = readFileSync((await download.path()) ?? '');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('"How much is a baguette?","£1.20","général","csv_import","true"');
    expect(text).toContain('"Do you bake croissants?","Every morning.","général","csv_import","false"');
  });
});
