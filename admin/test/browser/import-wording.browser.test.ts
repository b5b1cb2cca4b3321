/**
 * The import preview's wording in Chromium: one row is "1 of 1 row is ready to import." and an
 * empty question says "question is empty", as an empty answer says "answer is empty" (the Add pair
 * form: "Write a question.", as it says "Write an answer.").
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Riverside Physio' });
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
}, 180_000);
afterAll(() => admin?.close());

const importDialog = () => page.getByRole('dialog', { name: 'Import Q&A pairs from CSV' });

async function preview(csv: string): Promise<void> {
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await importDialog()
    .locator('input[type="file"]')
    .setInputFiles({ name: 'faq.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

describe('import preview wording', () => {
  it('says "1 of 1 row is ready" for one row, and "question is empty" for an empty question', async () => {
    await preview('question,answer,category\nHow long is the first visit?,About an hour.,First visit\n');
    await importDialog().getByText('1 of 1 row is ready to import.', { exact: true }).waitFor();
    await importDialog().getByRole('button', { name: 'Close' }).click();

    await preview(
      'question,answer,category,is_active\nDo you treat back pain?,Yes.,Conditions,false\n,Yes we do.,Conditions,true\n',
    );
    await importDialog().getByText('1 of 2 rows is ready to import (inactive).', { exact: true }).waitFor();
    await importDialog().getByRole('cell', { name: 'question is empty', exact: true }).waitFor();
    await importDialog().getByRole('button', { name: 'Close' }).click();

    // A file Excel saved with semicolons is read, and the preview says so.
    await preview('"question";"answer";"category"\r\n"How much is a session?";"£45,50";"Prices"\r\n');
    await importDialog()
      .getByText(
        '1 of 1 row is ready to import. Columns read as separated by semicolons (;), as Excel saves CSV in many languages.',
        { exact: true },
      )
      .waitFor();
    await importDialog().getByRole('button', { name: 'Close' }).click();

    // The Add pair form says the same of an empty question.
    await page.getByRole('button', { name: 'Add pair' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Question').fill('   ');
    await dialog.getByLabel('Answer').fill('About an hour.');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText('Write a question.', { exact: true }).waitFor();
  }, 120_000);
});
