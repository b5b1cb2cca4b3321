/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import { join } from 'node:path';
import { type AdminClient, recordAChoice, type TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { giftCardWordings } from '@clara/testkit/gap-wordings';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
const pages = [
  ['overview', '/', 'Overview'],
  ['knowledge', '/knowledge', 'Knowledge'],
  ['gaps', '/gaps', 'Gap inbox'],
  ['conversations', '/conversations', 'Conversations'],
  ['settings', '/settings', 'Settings'],
  ['install', '/install', 'Install'],
  ['keys', '/keys', 'API keys'],
  ['channels', '/channels', 'Channels'],
] as const;
let server: TestServer;
let owner: AdminClient;

async function signedIn(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  // axe-core is injected by the test, so the admin's Content-Security-Policy is bypassed for it.
  const page = await admin.signIn({ viewport: { width, height }, bypassCSP: true });
  return { context: page.context(), page };
}

/** Elements wider than the viewport (the page would scroll sideways), by a short description. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as any).document;
    const width = doc.documentElement.clientWidth;
    const scroll = Math.max(doc.documentElement.scrollWidth, doc.body.scrollWidth);
    if (scroll <= width) return [];
    const wide = [...doc.querySelectorAll('body *')]
      .filter((el: any) => el.getBoundingClientRect().right > width + 1)
      .filter((el: any) => !el.parentElement?.closest('.table-scroll, .tabs, pre'))
      .slice(0, 8)
      .map(
        (el: any) =>
          `${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')} (${Math.round(el.getBoundingClientRect().right)}px)`,
      );
    return [`page ${scroll}px wide`, ...wide];
  });

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner, artifacts } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs);
  for (const question of [...giftCardWordings, q.paraphrase, q.unrelated])
    await server.ask(owner.workspaceId, question);
  await recordAChoice(server.url, owner.workspaceId);
  // An inactive pair: its greyed row and "Inactive" badge must still read at 4.5:1.
  const added = await owner.json('POST', '/api/admin/knowledge', {
    question: 'Do you sell hand-knitted dog jumpers?',
    answer: 'Not any more: the knitting club closed in March.',
    category: 'general',
    allow_duplicate: true,
  });
  expect(added.status).toBe(201);
  const off = await owner.json('PATCH', `/api/admin/knowledge/${added.body.pair.id}`, { is_active: false });
  expect(off.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('every admin page at 1366 px and on a 375 px phone', () => {
  it('fits a 375 px phone without sideways scrolling or axe-core violations; the menu opens and navigates', async () => {
    const { context, page } = await signedIn(375, 812);
    try {
      const problems: string[] = [];
      for (const [name, path, title] of pages) {
        await page.goto(`${server.url}/admin${path}`);
        await page.getByRole('heading', { name: title, level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await page.locator('main .card, main .empty').first().waitFor();
        const wide = await overflow(page);
        if (wide.length > 0) problems.push(`${name}: ${wide.join(', ')}`);
        for (const v of await axeViolations(page)) problems.push(`${name} (axe): ${v}`);
        await page.screenshot({ path: join(artifacts, `phone-${name}.png`), fullPage: true });
      }
      expect(problems).toEqual([]);
      // The overview chart is drawn for the phone's width: its axis labels are not shrunk to 5 px.
      await page.goto(`${server.url}/admin/`);
      const label = page.locator('svg.chart text.axis').first();
      await label.waitFor();
      expect((await label.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(9);
      // The navigation is folded behind Menu, and opens by keyboard.
      const nav = page.getByRole('navigation', { name: 'Admin' });
      expect(await nav.isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Menu' }).focus();
      await page.keyboard.press('Enter');
      await nav.getByRole('link', { name: 'Gap inbox' }).click();
      await page.getByRole('heading', { name: 'Gap inbox', level: 1 }).waitFor();
      expect(await nav.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('has no serious, critical or moderate axe-core violation at 1366 px', async () => {
    const { context, page } = await signedIn(1366, 900);
    try {
      const problems: string[] = [];
      for (const [name, path, title] of pages) {
        await page.goto(`${server.url}/admin${path}`);
        await page.getByRole('heading', { name: title, level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
        await page.screenshot({ path: join(artifacts, `desktop-${name}.png`), fullPage: true });
      }
      expect(problems).toEqual([]);
      // The overview chart's value axis reads in round steps (1, 2 or 5 × 10ⁿ) from 0.
      await page.goto(`${server.url}/admin/`);
      const axis = page.locator('svg.chart text.axis[text-anchor="end"]');
      await axis.first().waitFor();
      const ticks = (await axis.allTextContents()).map(Number);
      const step = ticks[1] ?? 0;
      expect(ticks[0]).toBe(0);
      expect(String(step)).toMatch(/^[125]0*$/);
      expect(ticks).toEqual(ticks.map((_, i) => i * step));
    } finally {
      await context.close();
    }
  }, 180_000);

  it('uses the Add pair dialog with the keyboard only: opens, fills, saves, and Escape closes Edit', async () => {
    const { context, page } = await signedIn(1366, 900);
    try {
      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Add pair' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Add a Q&A pair' });
      await dialog.waitFor();
      // Focus moved into the dialog (the native modal traps it there).
      expect(
        await page.evaluate(() => (globalThis as any).document.activeElement?.closest('dialog') !== null),
      ).toBe(true);
      const focusedName = () =>
        page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('name'));
      for (let i = 0; i < 4 && (await focusedName()) !== 'question'; i++) await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('question');
      await page.keyboard.type('Do you trim beaks?');
      await page.keyboard.press('Tab');
      await page.keyboard.type('No: we groom dogs only.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('services');
      await page.keyboard.press('Enter');
      const row = page.getByRole('row', { name: /Do you trim beaks\?/ });
      await row.waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByRole('button', { name: 'Edit' }).focus();
      await page.keyboard.press('Enter');
      const edit = page.getByRole('dialog', { name: 'Edit Q&A pair' });
      await edit.waitFor();
      await page.keyboard.press('Escape');
      await edit.waitFor({ state: 'hidden' });
      // Focus returns to the button that opened it.
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Edit');
    } finally {
      await context.close();
    }
  }, 120_000);
});
