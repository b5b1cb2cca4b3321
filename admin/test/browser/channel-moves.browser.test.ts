import { join } from 'node:path';
import { signUpOwner } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// The owner's Slack team is connected by another Clara account (who proves its bot token against
// a fake Slack): the Channels page says so plainly, and Dismiss removes the notice for good.
// Screenshot: admin/test-artifacts/channels-moved-away.png.

const botToken = 'xoxb-7777-browser-moves';
let admin: AdminHarness;
let slack: FakeSlackApi;
let page: Page;

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: botToken, teamId: 'T0ACME', botId: 'B0ACME', botUserId: 'U0ACME' },
  ]);
  admin = await startAdmin({ workspaceName: 'Acme support', env: { SLACK_API_URL: slack.url } });
  const connect = { team_id: 'T0ACME', bot_token: botToken, signing_secret: 'browser-moves-secret-1' };
  expect(
    (await admin.owner.json('POST', '/api/admin/channels/slack', { ...connect, label: 'Acme' })).status,
  ).toBe(201);
  const other = await signUpOwner(admin.server.url, { workspaceName: 'Someone else' });
  expect((await other.json('POST', '/api/admin/channels/slack', connect)).status).toBe(201);
  page = await admin.signIn({ viewport: { width: 1280, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
  await slack?.close();
});

describe('a Slack team moved to another Clara account, in Chromium', () => {
  it('shows a warning that says what happened, and Dismiss removes it for good', async () => {
    await page.locator('nav').getByRole('link', { name: 'Channels' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'another Clara account' });
    await notice.waitFor();
    // In the browser's language, as every date in the admin (lib/format-date.ts).
    const today = await page.evaluate(() =>
      new Date().toLocaleDateString(undefined, { dateStyle: 'medium' }),
    );
    expect(((await notice.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(
      `Your Slack workspace “Acme” (T0ACME) was connected to another Clara account on ${today} by someone who could install apps there. Clara no longer answers in it for this workspace. If this wasn’t intended, reconnect it below.`,
    );
    // Nothing of the other account, and no connection left in the table.
    expect(await page.content()).not.toContain('Someone else');
    await page.getByText('Nothing connected here yet.').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(admin.artifacts, 'channels-moved-away.png'), fullPage: true });

    await notice.getByRole('button', { name: /Dismiss/ }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Channels', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Slack', level: 2 }).waitFor();
    expect(await page.getByTestId('moved-away').count()).toBe(0);
    const api = await admin.owner.json('GET', '/api/admin/channels');
    expect(api.body.moved_away).toEqual([]);
  }, 90_000);
});
