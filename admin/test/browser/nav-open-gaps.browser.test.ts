/**
 * The sidebar shows how many gaps stand open beside "Gap inbox" (a badge, and in the link's
 * accessible name: "Gap inbox, 2 open"), refreshed when a gap is acted on in the inbox and on
 * navigation, in Chromium against the real server.
 */
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Pawfect Grooming' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

const nav = () => page.getByRole('navigation', { name: 'Admin' });

describe('the open gaps count in the sidebar (Chromium)', () => {
  it('shows the open count beside Gap inbox and follows dismissals and navigation', async () => {
    // No open gap: no badge, the plain name.
    await nav().getByRole('link', { name: 'Gap inbox', exact: true }).waitFor();
    expect(await page.getByTestId('nav-open-gaps').count()).toBe(0);

    for (const question of ['do you sell car insurance?', 'do you sell dog toys?']) {
      expect((await server.ask(owner.workspaceId, question)).message.reply_kind).toBe('gap');
    }
    // Navigating refreshes the count.
    await nav().getByRole('link', { name: 'Knowledge' }).click();
    await nav().getByRole('link', { name: 'Gap inbox, 2 open' }).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('nav-open-gaps').textContent()).toBe('2');
    // The link's name holds its visible text (axe: label-content-name-mismatch).
    expect(await axeViolations(page)).toEqual([]);

    // Dismissing a gap in the inbox updates it at once.
    await nav().getByRole('link', { name: 'Gap inbox, 2 open' }).click();
    const gap = page.locator('article', {
      has: page.getByRole('heading', { name: 'do you sell dog toys?', exact: true }),
    });
    await gap.getByRole('button', { name: 'Dismiss' }).click();
    await gap.waitFor({ state: 'detached' });
    await nav().getByRole('link', { name: 'Gap inbox, 1 open' }).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('nav-open-gaps').textContent()).toBe('1');
    const open = (await owner.json('GET', '/api/admin/gaps?status=open')).body.counts.open;
    expect(open).toBe(1);
  }, 120_000);
});
