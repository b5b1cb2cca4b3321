/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { findChannelConnectionAnyState } from '@clara/supabase';
import { axeViolations } from '@clara/testkit/axe';
import { createFakeSlackOAuth, type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
const app = { clientId: '3333333333.4444444444', clientSecret: 'browser-client-secret-5678' };
let server: TestServer;
// Slack's OAuth pages and Web API, on loopback: the browser goes there and back.
let slack: FakeSlackApi;
let page: Page;
let owner: AdminClient;

beforeAll(async () => {
  slack = await startFakeSlackApi([], {
    oauth: createFakeSlackOAuth({
      ...app,
      team: { id: 'T0BRIGHT', name: 'Brightdesk' },
      installerUserId: 'U0OWNER',
      botId: 'B0BRIGHT',
      botUserId: 'U0CLARA',
      expiresIn: 43_200,
    }),
  });
  // No CLARA_PUBLIC_URL: the redirect URL is this server's own loopback address, which the browser can reach.
  admin = await startAdmin({
    workspaceName: 'Brightdesk',
    env: {
      SLACK_API_URL: slack.url,
      SLACK_CLIENT_ID: app.clientId,
      SLACK_CLIENT_SECRET: app.clientSecret,
      SLACK_SIGNING_SECRET: 'browser-signing-secret-9999',
      SLACK_OAUTH_AUTHORIZE_URL: slack.oauth?.authorizeUrl ?? '',
    },
  });
  ({ server, owner, artifacts } = admin);
  page = await admin.signIn({ viewport: { width: 1280, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
  await slack?.close();
});

describe('"Add to Slack" in Chromium', () => {
  it('goes from the Channels page through Slack’s consent page and back, and shows the connection', async () => {
    await page.locator('nav').getByRole('link', { name: 'Channels' }).click();
    const add = page.getByRole('button', { name: 'Add to Slack' });
    await add.waitFor();
    expect(await add.isEnabled()).toBe(true);
    await add.click();

    // Slack's (fake) consent page, with Clara's scopes.
    await page.waitForURL((url) => url.toString().startsWith(slack.oauth?.authorizeUrl ?? '-'));
    await page.getByRole('heading', { name: /requesting permission to access the Brightdesk/ }).waitFor();
    expect(await page.content()).toContain('assistant:write');
    await page.getByRole('button', { name: 'Allow' }).click();

    // Back on the admin: the connection is listed and the notice says so; the URL is clean again.
    await page.getByText('Clara was added to Slack').waitFor();
    const row = page.getByRole('row', { name: /T0BRIGHT/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Brightdesk');
    expect(await row.textContent()).toContain('Active');
    expect(new URL(page.url()).pathname).toBe('/admin/channels');
    expect(new URL(page.url()).search).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'channels-add-to-slack.png'), fullPage: true });

    // Stored sealed for this owner's workspace; the token is in neither the page nor the row.
    const stored = await findChannelConnectionAnyState(server.db, 'slack', 'T0BRIGHT');
    expect(stored?.workspace_id).toBe(owner.workspaceId);
    const token = slack.oauth?.issued[0] ?? '-';
    expect(token).toMatch(/^xoxe\.xoxb-/);
    expect(stored?.encrypted_credentials).not.toContain(token);
    expect(await page.content()).not.toContain(token);
    expect(slack.callsTo('oauth.v2.access')).toHaveLength(1);
  });

  it('comes back with "cancelled" when the owner cancels on Slack, connecting nothing', async () => {
    await page.getByRole('button', { name: 'Add to Slack' }).click();
    await page.waitForURL((url) => url.toString().startsWith(slack.oauth?.authorizeUrl ?? '-'));
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByText('The Slack install was cancelled').waitFor();
    expect(slack.callsTo('oauth.v2.access')).toHaveLength(1);
  });
});
