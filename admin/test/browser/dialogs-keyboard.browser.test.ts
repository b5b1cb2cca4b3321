/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

/** Every dialog of the admin: the page, the button that opens it, the dialog's name. */
const dialogs = [
  ['/knowledge', 'Add pair', 'Add a Q&A pair'],
  ['/knowledge', 'Import CSV', 'Import Q&A pairs from CSV'],
  ['/knowledge', 'From a call transcript', 'From a call transcript'],
  ['/knowledge', 'Edit', 'Edit Q&A pair'],
  ['/keys', 'Add key', 'Add an API key'],
  ['/channels', 'Connect a Slack app', 'Connect a Slack app'],
  ['/channels', 'Connect a Teams bot', 'Connect a Teams bot'],
  ['/conversations/', 'Delete conversation', 'Delete this conversation?'],
] as const;

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;

/** Where focus is: inside an open dialog, on the page behind it, or nowhere (the browser's own UI). */
const focusIn = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    if (!el || el === (globalThis as any).document.body) return 'none';
    return el.closest('dialog[open]') ? 'dialog' : `page: ${el.tagName} ${el.textContent?.slice(0, 30)}`;
  });

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs);
  await server.ask(owner.workspaceId, q.paraphrase);
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe.each([
  { width: 1366, height: 900 },
  { width: 375, height: 812 },
])('every admin dialog with the keyboard only at $width px', (size) => {
  it('opens with Enter and focus inside, keeps Tab inside, passes axe-core, closes with Escape back to its button', async () => {
    const page = await admin.signIn({ viewport: size, bypassCSP: true });
    const context = page.context();
    try {
      const conversation = (await owner.json('GET', '/api/admin/conversations')).body.items[0].id;
      const problems: string[] = [];
      for (const [path, opener, name] of dialogs) {
        await page.goto(`${server.url}/admin${path}${path.endsWith('/') ? conversation : ''}`);
        // A row's Edit button is named after its pair ("Edit “What are your opening hours?”").
        const button = page
          .getByRole('button', opener === 'Edit' ? { name: /^Edit “/ } : { name: opener, exact: true })
          .first();
        await button.waitFor();
        await button.focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name });
        await dialog.waitFor();
        if ((await focusIn(page)) !== 'dialog') problems.push(`${name}: focus not in the dialog on open`);
        // Focus starts on the first field (or, with none, the content's first button), never on ×.
        const first = await page.evaluate(() => {
          const el = (globalThis as any).document.activeElement;
          return ['INPUT', 'SELECT', 'TEXTAREA'].includes(el?.tagName) ? 'field' : el?.textContent?.trim();
        });
        const expected = name === 'Delete this conversation?' ? 'Cancel' : 'field';
        if (first !== expected) problems.push(`${name}: focus on "${first}" on open, not the ${expected}`);
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Tab');
          const where = await focusIn(page);
          // Past the last control, focus may visit the browser's own UI ('none'), never the page.
          if (where.startsWith('page')) problems.push(`${name}: Tab reached the page behind (${where})`);
        }
        for (const v of await axeViolations(page)) problems.push(`${name} (axe): ${v}`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        const back = await page.evaluate(() =>
          (globalThis as any).document.activeElement?.textContent?.trim(),
        );
        if (back !== opener) problems.push(`${name}: focus went to "${back}" after Escape, not its button`);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
