/**
 * Re-importing a file: the rows already in the knowledge base as they are read as a normal,
 * neutral line ("2 rows are already in the knowledge base, unchanged."), apart from real problems
 * under "Problem"; after Undo the dialog shows only the undo's outcome, in Chromium against the
 * real server.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Pawfect Grooming' });
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
}, 180_000);
afterAll(() => admin?.close());

const first = [
  'question,answer,category',
  'Do you groom cats?,"Sorry, we only groom dogs.",services',
  'Where are you located?,12 Elm Street.,general',
].join('\r\n');
const again = [first, 'Do you trim nails?,Yes: $15 walk-in.,services', 'Do you sell shampoo?,,services'].join(
  '\r\n',
);

const dialog = () => page.getByRole('dialog', { name: 'Import Q&A pairs from CSV' });
const choose = (name: string, text: string) =>
  dialog()
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('re-importing a file with rows already in the knowledge base', () => {
  it('lists the unchanged rows neutrally, apart from problems, and shows only the undo after Undo', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await choose('salon.csv', first);
    await dialog().getByRole('button', { name: 'Import 2 pairs' }).click();
    await dialog().getByText('Imported 2 pairs; 0 rows skipped.').waitFor();
    await dialog().getByRole('button', { name: 'Import another file' }).click();

    await choose('salon-more.csv', again);
    await dialog().getByText('2 rows are already in the knowledge base, unchanged.').waitFor();
    // Only the real problem (no answer) is listed as one.
    await dialog().getByRole('heading', { name: '1 row will not be imported' }).waitFor();
    const problems = dialog().locator('.row-errors tbody tr');
    expect(await problems.count()).toBe(1);
    expect(await problems.locator('td').first().textContent()).toBe('5');
    expect(
      await dialog()
        .getByText(/unchanged/)
        .count(),
    ).toBe(1);

    await dialog().getByRole('button', { name: 'Import 1 pair' }).click();
    await dialog().getByText('Imported 1 pair; 3 rows skipped.').waitFor();
    await dialog().getByText('2 rows are already in the knowledge base, unchanged.').waitFor();
    expect(await dialog().locator('.row-errors tbody tr').count()).toBe(1);

    await dialog().getByRole('button', { name: 'Undo this import' }).click();
    await dialog().getByRole('button', { name: 'Remove 1 pair' }).click();
    await dialog().getByText('Import undone: 1 pair removed.').waitFor();
    // Only the outcome that holds: the import's summary and its rows are gone.
    expect(
      await dialog()
        .getByText(/Imported 1 pair/)
        .count(),
    ).toBe(0);
    expect(
      await dialog()
        .getByText(/already in the knowledge base/)
        .count(),
    ).toBe(0);
    expect(await dialog().locator('.row-errors').count()).toBe(0);
  }, 120_000);
});
