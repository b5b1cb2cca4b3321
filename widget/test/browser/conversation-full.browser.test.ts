/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * A conversation that reached the server's length limit (409 conversation_full) in Chromium
 * against the real server: the widget shows its history, then on the next question starts a new
 * conversation by itself with a short note, and the question is answered there.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  type AdminClient,
  type HostSite,
  signUpOwner,
  startHostSite,
  startTestServer,
  type TestServer,
  widgetPage,
} from '@clara/server/testing';
import { maxSessionMessages } from '@clara/supabase';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const { ask, loadWidget, openWidget, ui } = widgetPage;

let server: TestServer;
let site: HostSite;
let browser: Browser;
let owner: AdminClient;
let page: Page;

const messagesOf = async (token: string) =>
  (
    await server.db.query<{ messages: any[] }>(
      'SELECT messages FROM chat_sessions WHERE session_token = $1',
      [token],
    )
  )[0]?.messages ?? [];

/** A web session holding the most messages the server keeps: one real turn, repeated. */
async function fullSession(): Promise<string> {
  const token = randomUUID();
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: token,
      message_id: randomUUID(),
      message: 'Do you open on Sundays?',
    }),
  });
  expect(res.status).toBe(200);
  const [question, reply] = await messagesOf(token);
  const messages = Array.from({ length: maxSessionMessages }, (_, i) => ({
    ...(i % 2 === 0 ? question : reply),
    message_id: randomUUID(),
  }));
  await server.db.query('UPDATE chat_sessions SET messages = $2::jsonb WHERE session_token = $1', [
    token,
    JSON.stringify(messages),
  ]);
  return token;
}

beforeAll(async () => {
  // Build the widget from its sources: the test checks what the sources do today.
  const widgetDir = dirname(createRequire(import.meta.url).resolve('@clara/widget/package.json'));
  execFileSync('node', ['scripts/build.mjs'], { cwd: widgetDir, stdio: 'ignore' });
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  site = await startHostSite(server.url);
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you open on Sundays?', answer: 'No, we open Monday to Saturday.', category: 'hours' },
  ]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

describe('a full conversation in the widget', () => {
  it('starts a new conversation with a note and answers the question there', async () => {
    const token = await fullSession();
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    await context.route(
      (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
      (route) => route.abort(),
    );
    // The visitor comes back to the full conversation (the widget keeps its token in sessionStorage).
    await context.addInitScript(
      ([key, value]) => sessionStorage.setItem(key as string, value as string),
      [`clara:${owner.workspaceId}:session`, token],
    );
    page = await context.newPage();
    await loadWidget(page, site.url(owner.workspaceId));
    await openWidget(page);
    await expect.poll(() => ui(page).userMessages.count()).toBe(maxSessionMessages / 2);

    const before = await ui(page).answers.count();
    await ask(page, 'Are you open on Sunday?');
    const note = page.locator('clara-widget .note');
    await expect
      .poll(() => note.textContent())
      .toBe('This conversation reached its length limit, so a new one has started.');
    await expect.poll(() => ui(page).answers.count(), { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => ui(page).answers.last().textContent()).toContain('Monday to Saturday');
    expect(await ui(page).userMessages.count()).toBe(maxSessionMessages / 2 + 1);
    expect(await page.locator('clara-widget .err').count()).toBe(0);

    const now = await page.evaluate(
      (key) => sessionStorage.getItem(key),
      `clara:${owner.workspaceId}:session`,
    );
    expect(now).not.toBe(token);
    expect((await messagesOf(now ?? '')).map((m) => m.content)).toEqual([
      'Are you open on Sunday?',
      expect.stringContaining('Monday to Saturday'),
    ]);
    expect(await messagesOf(token)).toHaveLength(maxSessionMessages);
    await context.close();
  });
});
