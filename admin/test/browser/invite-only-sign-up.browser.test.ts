/**
 * Invite-only sign-up in Chromium against the real server (CLARA_SIGNUP=invite, the first owner
 * exists): a second person is told before any form that sign-up is by invitation, the server's
 * owner (the first account) makes an invite link in Settings → Invite an owner, and the link opens
 * a usable sign-up form that creates a new, separate account with its own workspace. That second
 * owner's Settings has no Invite an owner: only the server's owner issues invites.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Stride Physio', env: { CLARA_SIGNUP: 'invite' } });
  browser = admin.browser;
  baseUrl = admin.server.url;
}, 120_000);

afterAll(async () => {
  await admin?.close();
});

describe('invite-only sign-up (Chromium)', () => {
  it('says "by invitation" before the form; the server owner makes a link in Settings that signs up a separate account', async () => {
    const stranger = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await stranger.newPage();
    await page.goto(`${baseUrl}/admin/`);
    const refusal = page.getByTestId('sign-up-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Sign-up is by invitation on this server');
    expect(await page.getByRole('button', { name: 'Create an account' }).count()).toBe(0);
    expect(await page.getByLabel('Workspace name').count()).toBe(0);
    await page.screenshot({ path: join(admin.artifacts, 'sign-up-by-invitation.png') });

    const owner = await admin.signIn({ viewport: { width: 1366, height: 900 } });
    await owner.goto(`${baseUrl}/admin/settings`);
    const invite = owner.locator('form', { has: owner.getByRole('heading', { name: 'Invite an owner' }) });
    expect(await invite.textContent()).toContain(
      'create a new, separate Clara account with its own workspace. It does not give them access to this workspace.',
    );
    await invite.getByLabel('Email').fill('colleague@example.com');
    await invite.getByLabel('Valid for (days)').fill('3');
    await invite.getByRole('button', { name: 'Create invite link' }).click();
    const link = invite.getByLabel('Sign-up link for colleague@example.com');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toContain('/admin/?invite=');
    await invite.screenshot({ path: join(admin.artifacts, 'settings-invite-owner.png') });

    // The stranger's browser with the link: the form, the email locked, and it signs up.
    await page.goto(url);
    await page.getByRole('heading', { name: 'Create your workspace' }).waitFor();
    const email = page.getByLabel('Email');
    expect(await email.inputValue()).toBe('colleague@example.com');
    expect(await page.getByTestId('sign-up-refusal').count()).toBe(0);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    // The new owner has their own workspace, and no Invite an owner: only the server's owner invites.
    await page.goto(`${baseUrl}/admin/settings`);
    await page.getByRole('button', { name: 'Save settings' }).waitFor();
    expect(await page.getByLabel('Workspace name').inputValue()).not.toBe('Stride Physio');
    expect(await page.getByRole('heading', { name: 'Invite an owner' }).count()).toBe(0);
    await page.screenshot({ path: join(admin.artifacts, 'settings-second-owner.png') });

    // An address that already has an account gets the server's reason, not a link.
    await invite.getByLabel('Email').fill('colleague@example.com');
    await invite.getByRole('button', { name: 'Create invite link' }).click();
    await invite.getByText('An owner account already has the email colleague@example.com').waitFor();
    await stranger.close();
    await owner.context().close();
  }, 120_000);
});
