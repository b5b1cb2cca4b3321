/**
 * Settings with unsaved changes in Chromium (what a florist lost): moving to another page asks
 * first ("Leave without saving?"); Stay keeps the page and the change, Leave drops it. Saved or
 * unchanged settings let the owner go without a question; the browser's Back asks too, and a
 * reload gets the browser's own "Leave site?" prompt.
 */
import { join } from 'node:path';
import type { AdminClient } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let owner: AdminClient;
let artifacts: string;
let page: Page;

const botName = async () => (await owner.json('GET', '/api/admin/settings')).body.settings.display_name;
const nav = (name: string) => page.locator('nav').getByRole('link', { name, exact: true });
const leaveDialog = () => page.getByRole('dialog', { name: 'Leave without saving?' });

async function openSettings(): Promise<void> {
  await nav('Settings').click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByLabel('Bot name').waitFor();
}

async function rename(to: string): Promise<void> {
  const field = page.getByLabel('Bot name');
  await field.click();
  await field.fill(to);
}

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Bloom & Stem' });
  ({ owner, artifacts } = admin);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('Settings: unsaved changes (Chromium)', () => {
  it('lets the owner go without a question when nothing changed', async () => {
    await openSettings();
    await nav('Knowledge').click();
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
    expect(await leaveDialog().count()).toBe(0);
  });

  it('asks before leaving with an unsaved Bot name: Stay keeps it, Leave drops it', async () => {
    const before = await botName();
    await openSettings();
    await rename('Rosie');
    await nav('Knowledge').click();
    await leaveDialog().waitFor();
    await page.screenshot({ path: join(artifacts, 'settings-leave-unsaved.png') });
    // Still on Settings, the change still there.
    expect(new URL(page.url()).pathname).toBe('/admin/settings');
    await leaveDialog().getByRole('button', { name: 'Stay and keep editing' }).click();
    expect(await leaveDialog().count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Settings', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByLabel('Bot name').inputValue()).toBe('Rosie');

    // Escape stays too.
    await nav('Gap inbox').click();
    await leaveDialog().waitFor();
    await page.keyboard.press('Escape');
    expect(await leaveDialog().isVisible()).toBe(false);
    expect(await page.getByLabel('Bot name').inputValue()).toBe('Rosie');

    await nav('Knowledge').click();
    await leaveDialog().getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
    expect(await botName()).toBe(before);
    await openSettings();
    expect(await page.getByLabel('Bot name').inputValue()).toBe(before);
  });

  it('goes without a question once the change is saved', async () => {
    await openSettings();
    await rename('Rosie');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(await botName()).toBe('Rosie');
    await nav('Knowledge').click();
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
    expect(await leaveDialog().count()).toBe(0);
  });

  it("asks on the browser's Back too", async () => {
    await openSettings();
    await rename('Rosie the florist');
    await page.goBack();
    await leaveDialog().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/settings');
    await leaveDialog().getByRole('button', { name: 'Stay and keep editing' }).click();
    expect(await page.getByLabel('Bot name').inputValue()).toBe('Rosie the florist');
    await page.goBack();
    await leaveDialog().getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
  });

  it('gets the browser’s own prompt on a reload with unsaved changes', async () => {
    await openSettings();
    await rename('Rosie again');
    const prompted = new Promise<string>((resolve) => {
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      });
    });
    await Promise.all([page.reload(), prompted]);
    expect(await prompted).toBe('beforeunload');
    await page.getByLabel('Bot name').waitFor();
    expect(await page.getByLabel('Bot name').inputValue()).toBe('Rosie');
  });
});
