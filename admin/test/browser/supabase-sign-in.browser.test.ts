import { readFileSync } from 'node:fs';
import { adminDistDir, startTestServer, type TestServer } from '@clara/server/testing';
import { createUser } from '@clara/supabase';
import { launchChromium } from '@clara/testkit/chromium';
import { startFakeSupabase } from '@clara/testkit/fake-supabase';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The admin SPA in Supabase mode: supabase-js signs in against a local fake of Supabase Auth
// (password grant, magic link, JWKS), and Clara verifies the token it sends as Bearer.
// Own set-up, not admin-harness: the user lives in the fake Supabase Auth, so there is no Clara owner to sign up.
const anonKey = 'anon-key-browser-test';
let fake: Awaited<ReturnType<typeof startFakeSupabase>>;
let server: TestServer;
let browser: Browser;
let page: Page;
const email = `sb-browser-${Date.now()}@example.com`;
const password = 'supabase password 123';
let userId: string;

beforeAll(async () => {
  expect(adminDistDir(), 'build the admin first: npm run build -w @clara/admin').toBeTruthy();
  fake = await startFakeSupabase({ anonKey });
  server = await startTestServer({ env: { SUPABASE_URL: fake.url, SUPABASE_ANON_KEY: anonKey } });
  userId = (await createUser(server.db, email, 'held-by-gotrue')).id;
  fake.addUser(email, password, userId);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
});

describe('admin sign-in with Supabase Auth in Chromium', () => {
  it('signs in with email + password through supabase-js; the workspace is created on first sign-in', async () => {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const rows = await server.db.query('SELECT id FROM workspaces WHERE owner_id = $1', [userId]);
    expect(rows).toHaveLength(1);
    const bearer = fake.requests.filter((r) => r.path === '/auth/v1/token');
    expect(bearer.length).toBeGreaterThanOrEqual(2);
    // A reload keeps the session (supabase-js stores it) and no Clara cookie is involved.
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name === 'clara_session')).toBe(false);
    // Exports download with the bearer token (a plain link would carry no credential here).
    await page.goto(`${server.url}/admin/conversations`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^clara-conversations-.*\.json$/);
    const exported = JSON.parse(readFileSync((await file.path()) as string, 'utf8'));
    expect(exported).toMatchObject({ workspace_id: rows[0]?.id, conversations: [] });
  }, 60_000);

  it('asks Supabase for a magic link', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}/admin/`);
    await fresh.getByRole('button', { name: 'Email me a sign-in link instead' }).click();
    await fresh.getByLabel('Email').fill(email);
    await fresh.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await fresh.getByText(`Check ${email}: we sent you a sign-in link.`).waitFor();
    expect(fake.magicLinks).toContain(email);
    await fresh.close();
  }, 60_000);
});
