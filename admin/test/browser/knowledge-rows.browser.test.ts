/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
const long = {
  question: 'What are your opening hours on public holidays, including Christmas Eve and New Year’s Day?',
  answer: `We open 10:00–14:00 on most public holidays; ${'see the calendar on our website for each date. '.repeat(4)}`,
  category: 'opening-hours-and-holidays',
};

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs.slice(0, 4));
  await owner.json('POST', '/api/admin/knowledge', long);
  await owner.json('POST', '/api/admin/keys', {
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-row-names-000111-Ab12',
    label: 'Production',
  });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('row buttons and the Knowledge table on a phone', () => {
  it('names each row button after its row (Knowledge and API keys)', async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
      const edit = page.getByRole('button', { name: `Edit “${long.question}”`, exact: true });
      await edit.waitFor();
      expect(await edit.textContent()).toBe('Edit');
      await page.getByRole('button', { name: `Deactivate “${long.question}”`, exact: true }).waitFor();
      for (const pair of groomerPairs.slice(0, 4))
        await page.getByRole('button', { name: `Edit “${pair.question}”`, exact: true }).waitFor();
      // No two row buttons share a name.
      const names = await page
        .locator('td.actions-cell button')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent));
      expect(new Set(names).size).toBe(names.length);
      await edit.click();
      await page.getByRole('dialog', { name: 'Edit Q&A pair' }).waitFor();
      await page.keyboard.press('Escape');

      await page.goto(`${server.url}/admin/keys`);
      for (const action of ['Test', 'Deactivate', 'Delete'])
        await page.getByRole('button', { name: `${action} “Production ••••Ab12”`, exact: true }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('fits a 390×844 phone without sideways scrolling: each pair is a stacked card', async () => {
    const page = await admin.signIn({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    try {
      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
      await page.getByRole('button', { name: `Edit “${long.question}”` }).waitFor();
      const widths = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const scroller = doc.querySelector('.table-scroll');
        return {
          viewport: doc.documentElement.clientWidth,
          page: Math.max(doc.documentElement.scrollWidth, doc.body.scrollWidth),
          table: scroller.scrollWidth,
          tableBox: scroller.clientWidth,
        };
      });
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      // Nor does the table scroll sideways inside itself.
      expect(widths.table).toBeLessThanOrEqual(widths.tableBox);
      // Every question, its answer and its buttons are on screen.
      const row = page.getByRole('row', { name: new RegExp(long.question.slice(0, 30)) });
      for (const part of [
        row.getByText(long.question),
        row.getByRole('button', { name: /^Edit/ }),
        row.getByRole('button', { name: /^Deactivate/ }),
        row.getByRole('checkbox'),
      ]) {
        const box = await part.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= widths.viewport).toBe(true);
      }
      // The search box has a row of its own, not squeezed beside the filters ("Search que").
      const search = await page.getByRole('searchbox', { name: 'Search' }).boundingBox();
      expect(search?.width ?? 0).toBeGreaterThan(widths.viewport - 60);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(admin.artifacts, 'phone-knowledge-cards.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
