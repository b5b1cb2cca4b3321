/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */

import { launchChromium } from '@clara/testkit/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { demoBusiness, demoQaPairs } from './demo-kb';
import { ensureDemo } from './ensure-demo';

let server: TestServer;
let browser: Browser;
let workspaceId: string;

beforeAll(async () => {
  server = await startTestServer();
  const demo = await ensureDemo(server.runtime);
  if (!demo) throw new Error('demo not created');
  workspaceId = demo.login.workspace_id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('demo workspace', () => {
  it('is created once, with its pairs, and its login is kept for later starts', async () => {
    const again = await ensureDemo(server.runtime);
    expect(again).toMatchObject({ created: false, login: { workspace_id: workspaceId } });
    const [row] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_pairs WHERE workspace_id = $1',
      [workspaceId],
    );
    expect(row?.n).toBe(demoQaPairs.length);
  });
});

describe('demo page in Chromium', () => {
  it('answers a demo question, and files exactly one gap for an unrelated one asked twice', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo`);
    const ask = async (text: string) => {
      const before = await page.locator('.msg.assistant .meta').count();
      await page.fill('#q', text);
      await page.press('#q', 'Enter');
      await page.locator('.msg.assistant .meta').nth(before).waitFor();
      return page.locator('.msg.assistant').last().textContent();
    };
    const pair = demoQaPairs[0];
    if (!pair) throw new Error('no demo pair');
    expect(await ask(pair.question)).toContain(pair.answer);
    const unrelated = 'What is the capital of Mongolia?';
    expect(await ask(unrelated)).toMatch(/don't have that information/);
    await ask(unrelated);
    const gaps = await server.db.query(
      "SELECT id FROM qa_gaps WHERE workspace_id = $1 AND lower(question) = lower($2) AND status = 'open'",
      [workspaceId, unrelated],
    );
    expect(gaps).toHaveLength(1);
    // A reload restores the conversation from the history endpoint.
    await page.reload();
    await page.locator('.msg.user').nth(2).waitFor();
    expect(await page.locator('.msg.user').count()).toBe(3);
    await page.close();
  });
});

describe('demo page: the booking link and the newest answer in view', () => {
  it('shows the link a reply points to, keeps the last answer visible, and fills the bike shop prompt', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
    await page.goto(`${server.url}/demo`);
    const ask = async (text: string) => {
      const before = await page.locator('.msg.assistant .meta').count();
      await page.fill('#q', text);
      await page.press('#q', 'Enter');
      await page.locator('.msg.assistant .meta').nth(before).waitFor();
      return page.locator('.msg.assistant').last();
    };
    for (const pair of demoQaPairs.slice(0, 5)) await ask(pair.question);
    const reply = await ask('Can I talk to someone at the shop?');
    expect(await reply.textContent()).toContain('using the link below');
    const link = reply.getByRole('link', { name: 'Book a time with the team' });
    expect(await link.getAttribute('href')).toBe(demoBusiness.settings.booking_url);
    // The log is scrolled to its end and the newest answer is on screen.
    const log = await page.evaluate(() => {
      const el = (globalThis as any).document.getElementById('log');
      return { gap: el.scrollHeight - el.scrollTop - el.clientHeight };
    });
    expect(log.gap).toBeLessThan(2);
    expect(await link.isVisible()).toBe(true);
    const box = await link.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(700);
    await page.close();

    const [ws] = await server.db.query<{ prompt: string }>(
      "SELECT settings->>'personality_prompt' AS prompt FROM workspaces WHERE id = $1",
      [workspaceId],
    );
    expect(ws?.prompt).toContain('Brightside Bike Works is an independent bicycle shop');
    expect(ws?.prompt).not.toContain('Describe what your company does');
  });
});
