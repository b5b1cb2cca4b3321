import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, readZip, teamsManifestProblems } from '@clara/channel-teams/testing';
import { axeViolations } from '@clara/testkit/axe';
import { type FakeBotIdentity, startFakeBotIdentity } from '@clara/testkit/teams';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// The Teams set-up the README walks, in Chromium: the owner connects a bot on the Channels page
// (its password proven against a fake Microsoft token endpoint) and downloads the app package,
// which is read back and checked. Screenshot: admin/test-artifacts/teams-setup.png.

let admin: AdminHarness;
let artifacts: string;
const appId = '7b1e4c2d-9a8f-4e3b-b6c5-d4e3f2a1b0c9';
const password = 'browser-teams-password-3Kq~';
let identity: FakeBotIdentity;
let page: Page;

beforeAll(async () => {
  identity = await startFakeBotIdentity();
  identity.registerApp(appId, password);
  admin = await startAdmin({
    workspaceName: 'Juniper Bikes',
    env: { CLARA_PUBLIC_URL: 'https://clara.example.com', TEAMS_LOGIN_URL: identity.loginUrl },
  });
  ({ artifacts } = admin);
  await admin.owner.json('PATCH', '/api/admin/settings', {
    settings: { display_name: 'Juniper', primary_color: '#0f766e' },
  });
  page = await admin.signIn({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
}, 180_000);

afterAll(async () => {
  await admin?.close();
  await identity?.close();
});

describe('Teams set-up from the Channels page in Chromium', () => {
  it('connects a bot, then downloads a valid app package', async () => {
    await page.locator('nav').getByRole('link', { name: 'Channels' }).click();
    const box = page.getByTestId('teams-package');
    await box.getByText('To download it, connect a Teams bot.').waitFor();

    await page.getByRole('button', { name: 'Connect a Teams bot' }).click();
    const dialog = page.getByRole('dialog');
    // A single-tenant bot (Azure Bot "Single Tenant"): its app id, secret and the organisation's tenant.
    await dialog.getByLabel('Microsoft App ID').fill(appId);
    await dialog.getByLabel('App type').selectOption('SingleTenant');
    await dialog.getByLabel('App password (client secret)').fill(password);
    await dialog.getByLabel(/Tenant ID/).fill('5d2a8f3e-1c4b-4a6d-9e7f-0a1b2c3d4e5f');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('Teams bot connected.').waitFor();
    await page.getByRole('row', { name: new RegExp(appId) }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      box.getByRole('button', { name: 'Download app package' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('juniper-teams-app.zip');
    const saved = join(artifacts, 'teams-app-package.zip');
    await download.saveAs(saved);
    const files = readZip(readFileSync(saved));
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '');
    expect(teamsManifestProblems(manifest)).toEqual([]);
    expect(manifest.id).toBe(appId);
    expect(manifest.validDomains).toEqual(['clara.example.com']);
    expect(decodePng(files.get('color.png') as Buffer).width).toBe(192);
    expect(decodePng(files.get('outline.png') as Buffer).width).toBe(32);

    expect(await page.content()).not.toContain(password);
    expect(await axeViolations(page)).toEqual([]);
    // A full-page shot from the top: scrolled, the sticky sidebar would be drawn mid-page.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(artifacts, 'teams-setup.png'), fullPage: true });
  }, 90_000);
});
