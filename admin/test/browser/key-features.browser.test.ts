/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import { join } from 'node:path';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
let server: TestServer;
let openai: FakeProviderServer;
let page: Page;
let owner: AdminClient;

const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

const settings = async () => (await server.runtime.store.getWorkspace(owner.workspaceId))?.settings;

beforeAll(async () => {
  openai = await startFakeOpenAi('OK');
  // The test server runs no background sweep: the test embeds with `vectors.sync` when it wants.
  admin = await startAdmin({ workspaceName: 'Brightdesk', env: { OPENAI_BASE_URL: openai.baseURL } });
  ({ server, owner, artifacts } = admin);
  await server.addPairs(owner.workspaceId, [
    { question: 'What are your opening hours?', answer: 'We open at 9.', category: 'general' },
    { question: 'Do you offer gift cards?', answer: 'Yes, from $10.', category: 'general' },
    {
      question: 'How long does shipping take to Canada?',
      answer: 'Five to seven days.',
      category: 'shipping',
    },
  ]);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
}, 180_000);

afterAll(async () => {
  await admin?.close();
  await openai?.close();
});

describe('embeddings and alternative phrasings on the API keys page (Chromium, 1366 px)', () => {
  it('without a key: the built-in embedder, and the phrasings toggle disabled with the reason', async () => {
    await page.locator('nav').getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'Embeddings' }).waitFor();
    expect(await page.getByTestId('embeddings-searched-with').textContent()).toBe(
      'Questions are matched with Clara’s built-in embedder.',
    );
    const toggle = page.getByRole('checkbox', { name: 'Alternative phrasings with your model' });
    expect(await toggle.isDisabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.getByText('Needs a default OpenAI or Anthropic key').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('an OpenAI key added: "Re-embedding: 0 of 3 pairs" with a progress bar, answering from the built-in vectors, then OpenAI text-embedding-3-small once done', async () => {
    await page.getByRole('button', { name: 'Add key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Provider').selectOption('openai');
    await dialog.getByLabel('Model').selectOption('gpt-4o-mini');
    await dialog.getByLabel('API key').fill('sk-proj-KEYFEATURES-0123456789-abcd');
    await dialog.getByRole('button', { name: 'Save key' }).click();
    // The key change refreshes the cards without a page load.
    await page.getByText('Re-embedding: 0 of 3 pairs').waitFor();
    const bar = page.getByRole('progressbar', { name: 'Re-embedding with OpenAI text-embedding-3-small' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('3');
    expect(await page.getByTestId('embeddings-searched-with').textContent()).toContain('built-in embedder');
    expect(await page.getByText('Clara keeps answering from the built-in vectors').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('keys-embeddings-switching');

    // The background sweep's work; the page polls while the switch is in progress.
    await server.runtime.vectors.sync(owner.workspaceId);
    await page
      .getByTestId('embeddings-searched-with')
      .getByText('OpenAI text-embedding-3-small')
      .waitFor({ timeout: 10_000 });
    expect(await bar.count()).toBe(0);
    expect(await page.getByText('All 3 pairs are embedded with your OpenAI key').count()).toBe(1);
    expect(openai.requests.some((r) => r.path.endsWith('/embeddings'))).toBe(true);
  }, 60_000);

  it('shows the cost before the phrasings toggle is turned on, then turns it on and off', async () => {
    const toggle = page.getByRole('checkbox', { name: 'Alternative phrasings with your model' });
    await page.getByText('gpt-4o-mini writes up to five other ways').waitFor();
    const cost = await page.getByTestId('augment-cost').textContent();
    expect(cost).toContain('3 Q&A pairs without alternative phrasings yet, 3 model calls');
    expect(cost).toContain('less than $0.01 at gpt-4o-mini’s list price');
    // Enabled once the page has read the settings (a moment later on a busy machine).
    await expect.poll(() => toggle.isDisabled(), { timeout: 15_000 }).toBe(false);
    expect((await settings())?.augment_questions).toBe(false);

    await toggle.check();
    await page.getByText('On: new pairs get phrasings in the background.').waitFor();
    expect((await settings())?.augment_questions).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot('keys-augmentation-on');
    // It stays on after a page load, and the other settings are untouched.
    await page.reload();
    await page.getByRole('heading', { name: 'Alternative phrasings' }).waitFor();
    await page.getByText('On: new pairs get phrasings in the background.').waitFor();
    expect(await toggle.isChecked()).toBe(true);

    await toggle.uncheck();
    await page.getByText('3 Q&A pairs without alternative phrasings yet').waitFor();
    expect((await settings())?.augment_questions).toBe(false);
    expect((await settings())?.display_name).toBeTruthy();
  }, 60_000);

  it('a key that does not work: tested on save and marked "Not working" with the provider’s status and code; re-embedding paused, not an endless 0 of N', async () => {
    // A new pair: the OpenAI vectors are no longer complete.
    await server.addPairs(owner.workspaceId, [
      { question: 'Do you repair bikes?', answer: 'Yes, on Saturdays.', category: 'general' },
    ]);
    openai.script({ type: 'error', status: 401 });
    await page.getByRole('button', { name: 'Add key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Provider').selectOption('openai');
    await dialog.getByLabel('Model').selectOption('gpt-4o-mini');
    await dialog.getByLabel('API key').fill('sk-proj-NOTWORKING-0123456789-wxyz');
    await dialog.getByLabel('Label (optional)').fill('Typo key');
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await page
      .getByText('Key ••••wxyz saved, but it does not work: OpenAI rejected the key (401 invalid_api_key).', {
        exact: false,
      })
      .waitFor();
    await page
      .getByRole('row', { name: /Typo key/ })
      .getByTestId('key-not-working')
      .waitFor();

    // The background sweep fails (401): the page says why and when it tries again.
    openai.scriptRoutes({ type: 'error', status: 401 });
    await server.runtime.vectors.sweep();
    await page.reload();
    // The mark survives the reload: the server keeps each key's last test.
    await page
      .getByRole('row', { name: /Typo key/ })
      .getByTestId('key-not-working')
      .waitFor();
    const paused = page.getByTestId('embeddings-paused');
    await paused.waitFor();
    expect(await paused.textContent()).toContain(
      'Re-embedding paused: OpenAI rejected the key (401 invalid_api_key). 3 of 4 pairs are done',
    );
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.content()).not.toContain('NOTWORKING');
    expect(await axeViolations(page)).toEqual([]);
    await shot('keys-not-working');
  }, 60_000);
});
