import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AdminClient,
  adminDistDir,
  signUpOwner,
  startTestServer,
  type TestServer,
} from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The owner's side of follow-ups: the Settings switch and "asked by … (email)" on the Gaps page.
const dist = adminDistDir() ?? '';
const artifacts = join(dist, '..', 'test-artifacts');
let server: TestServer;
let browser: Browser;
let owner: AdminClient;
const question = 'Do you sell gift cards for birthdays?';

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@clara/admin'], {
      cwd: join(dist, '..', '..'),
      stdio: 'ignore',
    });
  }
  mkdirSync(artifacts, { recursive: true });
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5.', category: 'general' },
  ]);
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: crypto.randomUUID(),
      message_id: crypto.randomUUID(),
      message: question,
      visitor: { name: 'Ada Lovelace', email: 'ada@example.com' },
    }),
  });
  expect(res.status).toBe(200);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('follow-ups in the admin (Chromium)', () => {
  it('switches follow-ups off in Settings and shows who asked a gap with their email (1366 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/admin/`);
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();

      await page.goto(`${server.url}/admin/settings`);
      const toggle = page.getByLabel('Tell colleagues when their question is answered');
      await toggle.waitFor();
      expect(await toggle.isChecked()).toBe(true);
      const group = page.getByRole('group', { name: 'Slack and Teams' });
      expect(await group.textContent()).toContain('Website visitors are never contacted');
      await toggle.focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      expect((await owner.json('GET', '/api/admin/settings')).body.settings.followups_enabled).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await group.screenshot({ path: join(artifacts, 'settings-followups.png') });

      await page.goto(`${server.url}/admin/gaps`);
      const email = page.getByRole('link', { name: 'ada@example.com' }).first();
      await email.waitFor();
      expect(await email.getAttribute('href')).toBe('mailto:ada@example.com');
      const wording = page.locator('li', { hasText: question }).first();
      expect(await wording.textContent()).toContain('asked by Ada Lovelace (ada@example.com)');
      expect(await axeViolations(page)).toEqual([]);
      await wording.screenshot({ path: join(artifacts, 'gaps-asked-by.png') });
    } finally {
      await context.close();
    }
  });
});
