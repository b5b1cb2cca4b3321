/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;

/** The focused element, described: tag, and its text (or aria-label). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    if (!el || el === (globalThis as any).document.body) return 'body';
    return `${el.tagName.toLowerCase()}: ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
  });

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs.slice(0, 3));
  await server.ask(owner.workspaceId, 'Do you groom cats?');
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('the admin shell with the keyboard', () => {
  it('starts with a skip link, shown on focus, that moves focus to the main region', async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    try {
      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      // Hidden off screen until focused.
      const before = await skip.boundingBox();
      expect((before?.y ?? 0) + (before?.height ?? 0)).toBeLessThanOrEqual(0);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('a: Skip to main content');
      const shown = await skip.boundingBox();
      expect(shown?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Enter');
      expect(await focused(page)).toMatch(/^main: /);
      // The next Tab goes into the page, not back to the menu.
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => (globalThis as any).document.activeElement?.closest('main') !== null),
      ).toBe(true);
    } finally {
      await page.context().close();
    }
  });

  it('moves focus to the new page’s heading after a menu link, not on the first load', async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
    try {
      // First load (sign-in lands on the overview): focus is left where the browser puts it.
      await page.goto(`${server.url}/admin/`);
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      expect(await focused(page)).toBe('body');
      const nav = page.getByRole('navigation', { name: 'Admin' });
      await nav.getByRole('link', { name: 'Knowledge' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
      expect(await focused(page)).toBe('h1: Knowledge');
      await nav.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      expect(await focused(page)).toBe('h1: Settings');
      // Tab from the heading goes on into the page.
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => (globalThis as any).document.activeElement?.closest('main') !== null),
      ).toBe(true);
      // Opening a conversation of the list stays on the same page: the focus stays on its button.
      await nav.getByRole('link', { name: 'Conversations' }).click();
      const item = page.locator('.conv-list button').first();
      await item.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/admin\/conversations\/.+/);
      expect(await focused(page)).toMatch(/^button: /);
    } finally {
      await page.context().close();
    }
  });

  it('closes the phone menu with Escape and gives focus back to the Menu button', async () => {
    const page = await admin.signIn({ viewport: { width: 390, height: 844 } });
    try {
      const nav = page.getByRole('navigation', { name: 'Admin' });
      const menu = page.getByRole('button', { name: 'Menu' });
      await menu.focus();
      await page.keyboard.press('Enter');
      await nav.waitFor();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await nav.getByRole('link', { name: 'Gap inbox' }).focus();
      await page.keyboard.press('Escape');
      await nav.waitFor({ state: 'hidden' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await focused(page)).toBe('button: Menu');
      // Opened again and used, the menu closes and focus lands on the new page's heading.
      await page.keyboard.press('Enter');
      await nav.getByRole('link', { name: 'Channels' }).click();
      await page.getByRole('heading', { name: 'Channels', level: 1 }).waitFor();
      await nav.waitFor({ state: 'hidden' });
      expect(await focused(page)).toBe('h1: Channels');
    } finally {
      await page.context().close();
    }
  });
});
