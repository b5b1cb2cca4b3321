/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type AdminClient,
  startHostSite,
  type TestServer,
  widgetPage as widget,
} from '@clara/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
let server: TestServer;
let browser: Browser;
let page: Page;
let owner: AdminClient;
// Runs in the page (the server's tsconfig has no DOM types, hence the any).
const backgroundOf = (el: any): string => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor;
const gapQuestion = 'Do you sell gift cards for birthdays?';

const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Brightside Bikes' });
  ({ server, browser, owner, artifacts } = admin);
  expect((await server.ask(owner.workspaceId, gapQuestion)).message.gap_detected).toBe(true);
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 120_000);

afterAll(async () => {
  await admin?.close();
});

describe('admin in Chromium', () => {
  it('signs up in the browser: the new owner lands in their own workspace', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}/admin/`);
    await fresh.getByRole('button', { name: 'Create an account' }).click();
    await fresh.getByLabel('Email').fill(`new-${randomUUID().slice(0, 8)}@example.com`);
    await fresh.getByLabel('Password').fill('a long enough password');
    await fresh.locator('input[name="workspace_name"]').fill('Harbour Dental');
    await fresh.getByRole('button', { name: 'Create account' }).click();
    await fresh.getByRole('heading', { name: 'Overview' }).waitFor();
    await fresh.getByText('Harbour Dental').waitFor();
    await fresh.screenshot({ path: join(artifacts, 'sign-up.png') });
    await fresh.close();
  }, 60_000);

  it('signs in with the email and password', async () => {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await shot('sign-in-error');
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('Brightside Bikes').waitFor();
    await shot('overview');
  }, 60_000);

  it('adds a pair and sees it in the table', async () => {
    await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
    await page.getByText('Your knowledge base is empty').waitFor();
    await shot('knowledge-empty');
    await page.getByRole('button', { name: 'Add pair' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Question').fill('How long does a bike service take?');
    await dialog.getByLabel('Answer').fill('A standard service takes two working days.');
    await dialog.getByLabel('Category').fill('process');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByRole('row', { name: /How long does a bike service take\?/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('process');

    // The same question again: the near-duplicate warning names the existing pair.
    await page.getByRole('button', { name: 'Add pair' }).click();
    await dialog.getByLabel('Question').fill('How long does a bike service take');
    await dialog.getByLabel('Answer').fill('Two days.');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText('This looks like a duplicate').waitFor();
    await shot('knowledge-duplicate-warning');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await shot('knowledge');
  }, 60_000);

  it('imports a CSV with one bad row, reports it, and undoes the import', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog');
    const csv =
      'question,answer,category\nDo you rent bikes?,"Yes, from $20 a day.",pricing\nx,too short,general\nCan I test ride?,Any bike in the shop.,process\n';
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'faq.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByText('2 of 3 rows are ready to import.').waitFor();
    await dialog.getByRole('cell', { name: 'question is too short' }).waitFor();
    await dialog.getByRole('button', { name: 'Import 2 pairs' }).click();
    await dialog.getByText('Imported 2 pairs; 1 row skipped.').waitFor();
    await shot('knowledge-import-summary');
    await page.getByRole('row', { name: /Can I test ride\?/ }).waitFor();
    await dialog.getByRole('button', { name: 'Undo this import' }).click();
    await dialog.getByRole('button', { name: 'Remove 2 pairs' }).click();
    await dialog.getByText('Import undone: 2 pairs removed.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('row', { name: /Can I test ride\?/ }).waitFor({ state: 'detached' });
  }, 60_000);

  it('resolves a gap in one click, and the widget answers it confidently', async () => {
    await page.locator('nav').getByRole('link', { name: 'Gap inbox' }).click();
    await page.getByRole('heading', { name: gapQuestion }).waitFor();
    await page.getByRole('button', { name: 'Answer this' }).click();
    await page.getByLabel('Answer').fill('Yes: gift cards from $10, sent by email.');
    await shot('gaps-answering');
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('Answer added').waitFor();
    await page.getByText('No open gaps').waitFor();
    const { message: reply } = await server.ask(owner.workspaceId, gapQuestion);
    expect(reply.gap_detected).toBe(false);
    expect(reply.content).toContain('gift cards from $10');
    await shot('gaps-resolved');
    // A visitor asks the same question in the widget on the owner's site.
    const site = await startHostSite(server.url);
    const visitor = await browser.newPage();
    try {
      await widget.loadWidget(visitor, site.url(owner.workspaceId));
      await widget.openWidget(visitor);
      await widget.ask(visitor, gapQuestion);
      await widget.waitForAnswers(visitor, 1);
      expect(await widget.ui(visitor).answers.last().textContent()).toContain('gift cards from $10');
      await visitor.screenshot({ path: join(artifacts, 'widget-after-gap-resolved.png') });
    } finally {
      await visitor.close();
      await site.close();
    }
  }, 60_000);

  it('shows the conversation transcript', async () => {
    await page.locator('nav').getByRole('link', { name: 'Conversations' }).click();
    await page
      .getByRole('button', { name: new RegExp(gapQuestion.replace('?', '\\?')) })
      .first()
      .click();
    await page.getByText('confidence').first().waitFor();
    await shot('conversations');
  }, 60_000);

  it('changes the primary colour, sees it in the preview, and saves it', async () => {
    await page.locator('nav').getByRole('link', { name: 'Settings' }).click();
    const header = page.getByTestId('preview-header');
    await header.waitFor();
    expect(await header.evaluate(backgroundOf)).toBe('rgb(99, 102, 241)');
    const hex = page.locator('input[name="primary_color"]');
    await hex.fill('#e11d48');
    expect(await header.evaluate(backgroundOf)).toBe('rgb(225, 29, 72)');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('settings', false);
    const saved = await owner.json('GET', '/api/admin/settings');
    expect(saved.body.settings.primary_color).toBe('#e11d48');
  }, 60_000);

  it('shows the install snippet', async () => {
    await page.locator('nav').getByRole('link', { name: 'Install' }).click();
    const snippet = await page.getByTestId('snippet').textContent();
    expect(snippet).toBe(
      `<script src="${server.url}/widget.js" data-workspace-id="${owner.workspaceId}" async></script>`,
    );
    await shot('install');
    await page.locator('nav').getByRole('link', { name: 'Overview' }).click();
    await page.getByText('Answers and gaps per day').waitFor();
    // The chart says its span, and its days read like every other date in the admin ("Dec 7").
    expect(
      await page.getByRole('heading', { name: /^Answers and gaps per day, last \d+ days$/ }).count(),
    ).toBe(1);
    const today = await page.evaluate(() =>
      new Date().toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
    );
    const dayLabels = await page.locator('svg.chart text.axis[text-anchor="middle"]').allTextContents();
    expect(dayLabels.length).toBeGreaterThan(0);
    for (const label of dayLabels) expect(label).not.toMatch(/^\d\d-\d\d$/);
    expect(await page.locator('svg.chart title').allTextContents()).toContainEqual(
      expect.stringContaining(today),
    );
    await shot('overview-with-data');
  }, 60_000);
});
