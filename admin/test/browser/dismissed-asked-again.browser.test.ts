/**
 * A question the owner dismissed and visitors asked again stays in the Dismissed tab, saying how
 * many times it was asked since; restoring a retired pair whose question an active pair now has
 * shows the server's refusal. In Chromium against the real server.
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

describe('a dismissed question asked again (Chromium)', () => {
  it('stays out of Open and shows its asks in the Dismissed tab', async () => {
    const question = 'do you sell car insurance?';
    expect((await server.ask(owner.workspaceId, question)).message.reply_kind).toBe('gap');
    await page.goto(`${server.url}/admin/gaps`);
    const card = page.locator('article', { has: page.getByRole('heading', { name: question, exact: true }) });
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await card.waitFor({ state: 'detached' });

    for (const again of ['Do you sell car insurance?', 'do you sell car insurance'])
      expect((await server.ask(owner.workspaceId, again)).message.reply_kind).toBe('gap');
    await page.reload();
    await page.getByRole('tab', { name: /Open/ }).waitFor();
    await page.getByText('No open gaps').waitFor();

    await page.getByRole('tab', { name: /Dismissed/ }).click();
    const dismissed = page.locator('article', {
      has: page.getByRole('heading', { name: question, exact: true }),
    });
    await dismissed.waitFor();
    expect(await page.locator('article.gap').count()).toBe(1);
    expect(await dismissed.locator('.asked-since-dismissed').textContent()).toMatch(
      /^Asked 2 times since you dismissed it \(last .+\); still dismissed\.$/,
    );
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('shows why Restore is refused when an active pair has the question', async () => {
    const pair = { question: 'Do you sell dog toys?', answer: 'Yes, by the till.', category: 'shop' };
    const retired = (await owner.json('POST', '/api/admin/knowledge', pair)).body.pair.id as string;
    expect((await owner.json('DELETE', `/api/admin/knowledge/${retired}`)).status).toBe(200);
    expect((await owner.json('POST', '/api/admin/knowledge', pair)).status).toBe(201);

    await page.goto(`${server.url}/admin/knowledge`);
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'State' }).selectOption('false');
    await page.getByRole('button', { name: `Restore “${pair.question}”`, exact: true }).click();
    await page
      .getByText(
        'This looks like a duplicate (100% similar) of an active pair: "Do you sell dog toys?". Edit or deactivate that pair first, then restore this one.',
      )
      .waitFor({ timeout: 5_000 });
    expect(await page.getByText('Restored.').count()).toBe(0);
    const active = (await owner.json('GET', '/api/admin/knowledge?active=true&q=dog%20toys')).body.items;
    expect(active).toHaveLength(1);
  }, 120_000);
});
