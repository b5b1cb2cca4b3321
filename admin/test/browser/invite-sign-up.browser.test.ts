import { ownerInviteCommand, type TestServer } from '@clara/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'First owner', env: { CLARA_SIGNUP: 'invite' } });
  ({ server, browser } = admin);
}, 120_000);

afterAll(async () => {
  await admin?.close();
});

describe('the invite link in the admin app', () => {
  it('prefills and locks the invited email, signs up, and drops the invite from the address bar', async () => {
    const { sign_up_url } = await ownerInviteCommand(server.runtime.config, {
      email: 'colleague@example.com',
    });
    const link = `${server.url}/admin/?${new URL(sign_up_url).searchParams}`;
    const page = await browser.newPage();
    await page.goto(link);
    const email = page.getByLabel('Email');
    expect(await email.inputValue()).toBe('colleague@example.com');
    expect(await email.getAttribute('readonly')).not.toBeNull();
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(page.url()).not.toContain('invite=');
    expect(page.url()).not.toContain('email=');
    await page.close();
  }, 90_000);
});
