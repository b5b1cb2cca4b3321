/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

describe('gap group defaults in Chromium (a bookshop-café)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;

  const ask = async (message: string) => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message,
      }),
    });
    return ((await res.json()) as any).message;
  };
  const card = (title: string) =>
    page.locator('article', { has: page.getByRole('heading', { name: title, exact: true }) });

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Chapter & Verse' });
    ({ server, owner } = admin);
    await server.addPairs(owner.workspaceId, bakeryPairs);
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('pre-ticks only near-duplicate wordings, so "Answer once" defaults to the safe set', async () => {
    for (const q of [
      'can you get a book in for me',
      'what do you do with old books',
      'Can you order a book in for me',
    ]) {
      expect((await ask(q)).gap_detected).toBe(true);
    }
    await page.locator('nav').getByRole('link', { name: 'Gap inbox' }).click();
    const group = card('can you get a book in for me');
    await group.getByRole('button', { name: 'Answer once (2)' }).waitFor();
    expect(await group.getByRole('checkbox', { name: /what do you do with old books/ }).isChecked()).toBe(
      false,
    );
    expect(await group.getByRole('checkbox', { name: /Can you order a book in for me/ }).isChecked()).toBe(
      true,
    );
  }, 90_000);

  it('marks a gap Clara now answers and resolves it in one click', async () => {
    expect((await ask('do you have wifi')).gap_detected).toBe(true);
    await server.addPairs(owner.workspaceId, [
      { question: 'Do you have wifi?', answer: 'Yes, free wifi: ask at the counter.', category: 'general' },
    ]);
    await page.reload();
    const wifi = card('do you have wifi');
    await wifi.getByText('Clara answers this now').waitFor();
    await wifi.getByRole('button', { name: 'Resolve with “Do you have wifi?”' }).click();
    await page.getByText(/Resolved: linked to “Do you have wifi\?”/).waitFor();
    await wifi.waitFor({ state: 'detached' });
  }, 90_000);

  it("answers a gap in a category typed by the owner, the workspace's own categories offered first", async () => {
    await server.addPairs(owner.workspaceId, [
      { question: 'Do you sell notebooks?', answer: 'Yes, plain and lined.', category: 'stationery_&_more' },
    ]);
    expect((await ask('do you sell fountain pens')).gap_detected).toBe(true);
    await page.reload();
    const pens = card('do you sell fountain pens');
    await pens.getByRole('button', { name: 'Answer this' }).click();
    const offered = await pens
      .locator('datalist option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // The workspace's own categories, not the seed's defaults (another business's).
    expect(offered, String(offered)).toContain('stationery_&_more');
    expect(offered).not.toContain('case_studies');
    await pens.getByLabel('Answer').fill('Yes, a few, near the till.');
    await pens.getByLabel('Category').fill('Pens & Ink');
    await pens.getByRole('button', { name: 'Save answer' }).click();
    await pens.waitFor({ state: 'detached' });
    const found = await owner.json('GET', '/api/admin/knowledge?q=fountain');
    expect(found.body.items[0].category).toBe('Pens & Ink');
  }, 90_000);

  it("prefills the visitor's wording tidied as the new pair's question, still editable", async () => {
    expect((await ask('do you   sell board games')).gap_detected).toBe(true);
    await page.reload();
    const games = card('do you   sell board games');
    await games.getByRole('button', { name: 'Answer this' }).click();
    const question = games.getByLabel('Question');
    expect(await question.inputValue()).toBe('Do you sell board games?');
    await question.fill('Do you sell board games and puzzles?');
    await games.getByLabel('Answer', { exact: true }).fill('Yes, a shelf of both by the window.');
    await games.getByRole('button', { name: 'Save answer' }).click();
    await games.waitFor({ state: 'detached' });
    const found = await owner.json('GET', '/api/admin/knowledge?q=puzzles');
    expect(found.body.items[0].question).toBe('Do you sell board games and puzzles?');
  }, 90_000);
});
