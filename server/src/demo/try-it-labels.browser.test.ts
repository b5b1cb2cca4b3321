/**
 * Install → "Try it now": the test page's own chat labels each reply with its kind as the chat
 * API returns it (small talk, an answer, "Did you mean…?", a gap, a request for a person) and
 * shows the reply text as the widget does (markdown, everything else escaped), in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { launchChromium } from '@clara/testkit/chromium';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { adminDistDir } from '../http/built-apps';

const dist = adminDistDir() ?? '';
let server: TestServer;
let browser: Browser;
let owner: AdminClient;

const gapReply =
  "**Sorry**, I don't know that yet.\n- Call us on 555-0142\n- Or mail [the salon](mailto:hi@example.com)\n<img src=x onerror=alert(1)>";

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@clara/admin'], {
      cwd: join(dist, '..', '..'),
      stdio: 'ignore',
    });
  }
  // The page's markdown renderer (/demo/markdown.js) is a build output of the widget.
  const widgetDir = dirname(createRequire(import.meta.url).resolve('@clara/widget/package.json'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: widgetDir });
  server = await startTestServer();
  owner = await signUpOwner(server.url, { workspaceName: 'Pawfect Grooming' });
  await server.addPairs(owner.workspaceId, groomerPairs);
  const patched = await owner.request('PATCH', '/api/admin/settings', { settings: { gap_reply: gapReply } });
  expect(patched.status).toBe(200);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Sends `text` through the page's own chat box and returns the reply bubble once it is labelled. */
async function send(page: Page, text: string) {
  const before = await page.locator('#log .meta').count();
  await page.locator('#q').fill(text);
  await page.locator('#form button[type=submit]').click();
  await page.locator('#log .meta').nth(before).waitFor();
  return page
    .locator('#log .msg.assistant')
    .filter({ has: page.locator('.meta') })
    .nth(before);
}

describe('Try it now: reply labels and markdown', () => {
  it('labels each reply by its kind and renders the reply as the widget does', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo?workspace=${owner.workspaceId}`);
    await page.locator('#log').waitFor();

    const yes = await send(page, 'yes');
    expect(await yes.locator('.meta').textContent()).toBe('Small talk (no knowledge-base answer)');

    const answer = await send(page, q.paraphrase);
    expect(await answer.locator('.meta').textContent()).toMatch(
      /^Answered from the knowledge base \(confidence \d\.\d\d\)$/,
    );

    const vague = await send(page, q.vague);
    expect(await vague.locator('.meta').textContent()).toMatch(/^Did you mean…\?/);

    const gap = await send(page, q.unrelated);
    expect(await gap.locator('.meta').textContent()).toMatch(/^Not in the knowledge base \(filed as a gap\)/);
    // The owner's markdown as the widget shows it; raw HTML stays text.
    expect(await gap.locator('strong').first().textContent()).toBe('Sorry');
    expect(await gap.locator('li').allTextContents()).toEqual(['Call us on 555-0142', 'Or mail the salon']);
    expect(await gap.locator('a[href="mailto:hi@example.com"]').count()).toBe(1);
    expect(await gap.locator('img').count()).toBe(0);
    const gapText = (await gap.textContent()) ?? '';
    expect(gapText).toContain('<img src=x onerror=alert(1)>');
    expect(gapText).not.toContain('**');

    const person = await send(page, 'Can I talk to a person?');
    expect(await person.locator('.meta').textContent()).toMatch(/^Asked for a person/);
    expect(await person.locator('.meta').textContent()).not.toContain('Answered from the knowledge base');

    // The same labels after a reload, from the session's history.
    await page.reload();
    await page.locator('#log .meta').nth(4).waitFor();
    const metas = await page.locator('#log .meta').allTextContents();
    expect(metas[0]).toBe('Small talk (no knowledge-base answer)');
    expect(metas[4]).toMatch(/^Asked for a person/);
    await page.close();
  }, 120_000);
});
