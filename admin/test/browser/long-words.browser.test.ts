/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
/**
 * A visitor's 2,000-character word (the longest message the widget sends) and an owner's pair
 * written without a space wrap where they are shown: no admin page or dialog scrolls sideways at
 * 1,366 px or on a 375 px phone (gap inbox heads and cards, conversations list and transcript,
 * knowledge table, dialogs), and "Delete conversation" stays on screen. Chromium, real server.
 */
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
let conversationId: string;

// Unbroken words no vocabulary holds, shaped like words rather than keyboard mash (so they are gaps).
const visitorWord = 'xylo'.repeat(500);
const dismissedWord = 'wavo'.repeat(500);
const ownerQuestion = `Do you stock ${'y'.repeat(400)}?`;
const ownerAnswer = `Yes: ${'z'.repeat(1500)}`;

/** How far the page scrolls sideways, and the widest elements when it does. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    const width = doc.documentElement.clientWidth;
    const scroll = doc.documentElement.scrollWidth;
    // Boxes that scroll inside (the knowledge table, the conversations list) count too.
    const inner = [...doc.querySelectorAll('.table-scroll, .conv-list, .link-results')]
      .filter((el: any) => el.scrollWidth > el.clientWidth + 1)
      .map((el: any) => `${el.className} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
    if (scroll <= width) return inner;
    const wide = [...doc.querySelectorAll('body *')]
      .filter((el: any) => el.getBoundingClientRect().right > width + 1)
      .slice(-4)
      .map((el: any) => `${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')}`);
    return [`${scroll}px wide in ${width}px`, ...wide, ...inner];
  });

/** Whether the element is within the window, left to right. */
const onScreen = (page: Page, name: string) =>
  page.getByRole('button', { name }).evaluate((el: any) => {
    const box = el.getBoundingClientRect();
    return box.left >= 0 && box.right <= (globalThis as any).document.documentElement.clientWidth;
  });

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Corner Books & Coffee' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, [
    ...groomerPairs,
    { question: ownerQuestion, answer: ownerAnswer, category: 'general' },
  ]);
  await server.ask(owner.workspaceId, ownerQuestion);
  await server.ask(owner.workspaceId, dismissedWord);
  await server.ask(owner.workspaceId, visitorWord);
  const open = (await owner.json('GET', '/api/admin/gaps?status=open')).body.items as any[];
  const dismissed = open.find((g) => g.question === dismissedWord);
  expect((await owner.json('POST', `/api/admin/gaps/${dismissed.id}/dismiss`)).status).toBe(200);
  const list = (await owner.json('GET', '/api/admin/conversations?page=1&page_size=25')).body.items as any[];
  conversationId = list.find((c) => c.first_question === visitorWord).id;
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('unbroken visitor and owner text in the admin (Chromium)', () => {
  for (const [width, height] of [
    [1366, 900],
    [375, 812],
  ] as const) {
    it(`no page or dialog scrolls sideways at ${width} px`, async () => {
      const page = await admin.signIn({ viewport: { width, height } });
      const problems: string[] = [];
      const check = async (name: string) => {
        const wide = await sideways(page);
        if (wide.length > 0) problems.push(`${name}: ${wide.join(', ')}`);
        await page.screenshot({ path: join(admin.artifacts, `long-words-${name}-${width}.png`) });
      };
      try {
        await page.goto(`${server.url}/admin/gaps`);
        await page.locator('.gap-group').first().waitFor();
        await check('gaps');
        await page
          .locator('.gap-group', { hasText: visitorWord })
          .getByRole('button', { name: 'Link to another answer…' })
          .click();
        await page.locator('.link-result', { hasText: ownerQuestion }).first().waitFor();
        await check('gaps-link-dialog');
        await page.keyboard.press('Escape');
        await page.getByRole('tab', { name: /Dismissed/ }).click();
        await page.locator('.gap', { hasText: dismissedWord }).waitFor();
        await check('gaps-dismissed');

        await page.goto(`${server.url}/admin/conversations`);
        await page.locator('.conv').first().waitFor();
        await check('conversations');
        await page.goto(`${server.url}/admin/conversations/${conversationId}`);
        await page.locator('.transcript .msg.user', { hasText: visitorWord }).waitFor();
        await check('transcript');
        if (!(await onScreen(page, 'Delete conversation')))
          problems.push('Delete conversation is off-screen');
        await page.getByRole('button', { name: 'Delete conversation' }).click();
        await page.locator('dialog[open]').waitFor();
        await check('delete-dialog');
        await page.keyboard.press('Escape');
        await page.goto(`${server.url}/admin/conversations`);
        await page.locator('.conv', { hasText: 'Do you stock' }).click();
        await page.locator('.transcript .matched').waitFor();
        await check('transcript-answered');

        await page.goto(`${server.url}/admin/knowledge`);
        await page.getByText('Do you stock').first().waitFor();
        await check('knowledge');
        await page.locator('tr', { hasText: 'Do you stock' }).getByRole('button', { name: 'Edit' }).click();
        await page.locator('dialog[open]').waitFor();
        await check('pair-dialog');
        await page.keyboard.press('Escape');

        await page.goto(`${server.url}/admin/`);
        await page.locator('main .card').first().waitFor();
        await check('overview');
      } finally {
        await page.context().close();
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
