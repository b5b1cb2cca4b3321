/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { join } from 'node:path';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { type AdminClient, sampleTranscript } from '@clara/server/testing';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
const rawKey = 'sk-proj-BROWSER-raw-key-000111-Lm9t';
let openai: FakeProviderServer;
// Connecting a Slack app checks the token with auth.test: a fake Slack Web API answers it.
let slack: FakeSlackApi;
let page: Page;
let owner: AdminClient;

const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

beforeAll(async () => {
  openai = await startFakeOpenAi('OK');
  slack = await startFakeSlackApi([
    { token: 'xoxb-1-browser-token', teamId: 'T0BROWSER', botId: 'B0BROWSER', botUserId: 'U0BROWSER' },
  ]);
  admin = await startAdmin({
    workspaceName: 'Brightdesk',
    env: {
      OPENAI_BASE_URL: openai.baseURL,
      CLARA_PUBLIC_URL: 'https://clara.example.com',
      SLACK_API_URL: slack.url,
    },
  });
  ({ owner, artifacts } = admin);
  await owner.json('POST', '/api/admin/knowledge', {
    question: 'How long does onboarding usually take?',
    answer: 'About two weeks.',
    category: 'process',
  });
  page = await admin.signIn({ viewport: { width: 1280, height: 860 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
  await openai?.close();
  await slack?.close();
});

describe('admin integrations in Chromium', () => {
  it('adds an API key, sees only ••••last4, and tests it', async () => {
    await page.locator('nav').getByRole('link', { name: 'API keys' }).click();
    await page.getByText('No API key yet').waitFor();
    await page.getByRole('button', { name: 'Add key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Provider').selectOption('openai');
    await dialog.getByLabel('Model').selectOption('gpt-4o-mini');
    await dialog.getByLabel('API key').fill(rawKey);
    await dialog.getByLabel('Label (optional)').fill('Production');
    expect(await dialog.getByLabel('Use this key for chat (default)').isChecked()).toBe(true);
    await shot('keys-add-dialog');
    await dialog.getByRole('button', { name: 'Save key' }).click();
    // Tested as soon as it is saved.
    await page
      .getByText(/Key ••••Lm9t saved as the default: it works \(gpt-4o-mini answered in \d+ ms\)/)
      .waitFor();
    expect(await page.getByTestId('key-last4').textContent()).toBe('••••Lm9t');
    const row = page.getByRole('row', { name: /Production/ });
    expect(await row.textContent()).toContain('GPT-4o Mini');
    expect(await row.textContent()).toContain('Default');
    await row.getByRole('button', { name: 'Test' }).click();
    await page.getByText(/Production works: gpt-4o-mini answered/).waitFor();
    expect(await page.content()).not.toContain(rawKey);
    // Reopening the dialog shows an empty key field: the key is write-only.
    await page.getByRole('button', { name: 'Add key' }).click();
    expect(await dialog.getByLabel('API key').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await shot('keys');
  }, 60_000);

  it('opens Channels and sees the Slack manifest and the Teams endpoint', async () => {
    await page.locator('nav').getByRole('link', { name: 'Channels' }).click();
    const manifest = await page.getByTestId('slack-manifest').textContent();
    expect(manifest).toContain('request_url: "https://clara.example.com/slack/events"');
    expect(await page.getByTestId('teams-endpoint').textContent()).toBe(
      'https://clara.example.com/teams/messages',
    );
    await page.getByRole('button', { name: 'Connect a Slack app' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Slack team ID').fill('T0BROWSER');
    await dialog.getByLabel('Bot token').fill('xoxb-1-browser-token');
    await dialog.getByLabel('Signing secret').fill('browser-signing-secret');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('Slack app connected.').waitFor();
    await page.getByRole('row', { name: /T0BROWSER/ }).waitFor();
    expect(await page.content()).not.toContain('xoxb-1-browser-token');
    await shot('channels');
  }, 60_000);

  it('extracts Q&A pairs from a transcript with the model, marks the covered one, and saves one pair', async () => {
    openai.script({
      type: 'reply',
      text: JSON.stringify({
        pairs: [
          {
            question: 'Do you offer discounts for large teams?',
            answer: 'Teams over 25 seats get 15% off the annual plan.',
            category: 'pricing',
            asked_by: 'Dana Lee',
            answered_by: 'Sam Rivera',
          },
          {
            question: 'How long does onboarding usually take?',
            answer: 'Most teams are live in two weeks.',
            category: 'process',
          },
        ],
      }),
    });
    await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('button', { name: 'From a call transcript' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Transcript').fill(sampleTranscript);
    await dialog.getByRole('button', { name: 'Propose Q&A pairs' }).click();
    await dialog.getByText('Proposed by gpt-4o-mini.').waitFor();
    const cards = dialog.getByTestId('candidate');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(1).textContent()).toContain('Already covered');
    expect(await cards.nth(1).getByRole('checkbox').isChecked()).toBe(false);
    await cards
      .nth(0)
      .getByLabel('Proposed answer')
      .fill('Teams over 25 seats get 15% off the annual plan, with a dedicated onboarding manager.');
    await shot('knowledge-transcript-review');
    await dialog.getByRole('button', { name: 'Save 1 pair' }).click();
    await dialog.getByText('Saved 1 pair.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: /Do you offer discounts for large teams\?/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Transcript');
    await shot('knowledge-from-transcript');
    const list = await owner.json('GET', '/api/admin/knowledge?source=transcript_extraction');
    expect(list.body.items.map((p: any) => p.answer)).toEqual([
      'Teams over 25 seats get 15% off the annual plan, with a dedicated onboarding manager.',
    ]);
  }, 60_000);
});
