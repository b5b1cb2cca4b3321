/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { join } from 'node:path';
import { type AdminClient, recordAChoice, type TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

describe('the gap inbox’s owner actions in Chromium: link to any pair, reopen, who resolved', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;
  let artifacts: string;

  const card = (question: string) =>
    page.locator('article', { has: page.getByRole('heading', { name: question, exact: true }) });
  /** Opens the inbox afresh (a visitor's new question reaches a page only when it loads). */
  const inbox = async () => {
    await page.goto(`${server.url}/admin/gaps`);
    await page.getByRole('heading', { name: 'Gap inbox', level: 1 }).waitFor();
  };
  const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
  const gapsIn = async (status: string) =>
    (await owner.json('GET', `/api/admin/gaps?status=${status}`)).body.items as any[];

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
    ({ server, owner, artifacts } = admin);
    await server.addPairs(owner.workspaceId, groomerPairs);
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('links a gap to a pair found by searching the knowledge base (not one the visitor was offered)', async () => {
    const question = 'what payment methods do you accept?';
    expect((await server.ask(owner.workspaceId, question)).message.reply_kind).toBe('gap');
    await inbox();
    const gap = card(question);
    await gap.getByRole('button', { name: 'Answer this' }).waitFor();
    expect(await gap.getByRole('button', { name: /Use the answer of/ }).count()).toBe(0);

    await gap.getByRole('button', { name: 'Link to another answer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link to an existing answer' });
    await dialog.getByLabel('Search the knowledge base').fill('cost');
    const target = dialog.getByRole('button', { name: 'Link to “How much does a full groom cost?”' });
    await target.waitFor();
    // Before typing, the newest pairs; then only pairs with the words typed.
    const listed = () => dialog.getByRole('listitem').allTextContents();
    await expect.poll(async () => (await listed()).every((text) => /cost/i.test(text))).toBe(true);
    expect((await listed()).length).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'gaps-link-search.png'), fullPage: true });
    await target.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Linked to “How much does a full groom cost?”' })
      .waitFor();
    await gap.waitFor({ state: 'detached' });

    const resolved = (await gapsIn('resolved')).find((g) => g.question === question);
    expect(resolved).toMatchObject({
      resolved_by: 'owner',
      resolved_qa: { question: 'How much does a full groom cost?' },
    });
    const again = (await server.ask(owner.workspaceId, question)).message;
    expect(again.reply_kind).toBe('answer');
  }, 90_000);

  it('tells a visitor’s pick from the owner’s answer in the Resolved tab', async () => {
    const choice = await recordAChoice(server.url, owner.workspaceId);
    await inbox();
    await tab('Resolved').click();
    const picked = card(choice.question);
    await picked.locator('.badge', { hasText: 'Visitor’s pick' }).waitFor();
    expect(await picked.textContent()).toContain(choice.chosen);
    const mine = card('what payment methods do you accept?');
    await mine.locator('.badge', { hasText: 'Your answer' }).waitFor();
    expect(await mine.textContent()).toContain('How much does a full groom cost?');
    expect(await picked.locator('.badge', { hasText: 'Your answer' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'gaps-resolved-by.png'), fullPage: true });
  }, 90_000);

  it('undoes a dismissal right after it, and reopens a dismissed gap from the Dismissed tab', async () => {
    const question = 'do you sell dog toys?';
    expect((await server.ask(owner.workspaceId, question)).message.reply_kind).toBe('gap');
    await inbox();
    await tab('Open').click();
    const gap = card(question);
    await gap.getByRole('button', { name: 'Dismiss' }).click();
    await gap.waitFor({ state: 'detached' });
    const dismissedNotice = page.getByRole('status').filter({ hasText: 'Gap dismissed.' });
    expect(await axeViolations(page)).toEqual([]);
    await dismissedNotice.getByRole('button', { name: 'Undo' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Undone: the dismissed questions are back in Open.' })
      .waitFor();
    await gap.getByRole('button', { name: 'Answer this' }).waitFor();
    expect((await gapsIn('open')).map((g) => g.question)).toContain(question);

    await gap.getByRole('button', { name: 'Dismiss' }).click();
    await gap.waitFor({ state: 'detached' });
    await tab('Dismissed').click();
    const dismissed = card(question);
    await dismissed.getByRole('button', { name: 'Reopen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Reopened: “${question}” is back in Open.` })
      .waitFor();
    await dismissed.waitFor({ state: 'detached' });
    expect((await gapsIn('open')).map((g) => g.question)).toContain(question);
    await tab('Open').click();
    await card(question).getByRole('button', { name: 'Answer this' }).waitFor();
  }, 90_000);
  it('searches the knowledge base to link by words: any order, question or answer, accents ignored', async () => {
    await inbox();
    await tab('Open').click();
    const gap = card('do you sell dog toys?');
    await gap.getByRole('button', { name: 'Link to another answer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link to an existing answer' });
    const search = dialog.getByLabel('Search the knowledge base');
    const questions = () => dialog.locator('.link-q').allTextContents();
    /** The questions listed once the search for `typed` has come back. */
    const listedFor = async (typed: string, first: string) => {
      await search.fill(typed);
      await expect.poll(async () => (await questions())[0]).toBe(first);
      return questions();
    };

    // "cost" is in the question, "large" and "dogs" only in its answer.
    expect(await listedFor('large DOGS cost', 'How much does a full groom cost?')).toEqual([
      'How much does a full groom cost?',
    ]);
    expect(await listedFor('shampóoing hypoallergénic', 'Do you use hypoallergenic shampoo?')).toHaveLength(
      1,
    );
    // Both words in the question first; then "groom" in the question, "dog" in the answer; last
    // the visitor's wording linked above (a phrasing with both words in its answer only).
    const ranked = await listedFor('groom dog', 'Can I stay with my dog during the groom?');
    expect(ranked[4]).toBe('what payment methods do you accept?');
    expect(ranked.slice(1, 4).sort()).toEqual([
      'Do you groom cats?',
      'How long does a groom take?',
      'How much does a full groom cost?',
    ]);

    await search.fill('groom zebra');
    await dialog
      .getByRole('status')
      .filter({ hasText: 'No active pair has all of the words “groom zebra” in its question or answer.' })
      .waitFor();
    expect(await dialog.getByRole('status').textContent()).toContain('Try fewer words');
    expect(await questions()).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'gaps-link-search-words.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }, 90_000);

  it('fits the link dialog on a phone (375 px)', async () => {
    const phone = await admin.signIn({ viewport: { width: 375, height: 812 } });
    try {
      await phone.goto(`${server.url}/admin/gaps`);
      const gap = phone.locator('article', {
        has: phone.getByRole('heading', { name: 'do you sell dog toys?', exact: true }),
      });
      await gap.getByRole('button', { name: 'Link to another answer…' }).click();
      const dialog = phone.getByRole('dialog', { name: 'Link to an existing answer' });
      await dialog.getByLabel('Search the knowledge base').fill('groom');
      await dialog.getByRole('button', { name: 'Link to “How long does a groom take?”' }).waitFor();
      const box = await dialog.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await axeViolations(phone)).toEqual([]);
      await phone.screenshot({ path: join(artifacts, 'phone-gaps-link-search.png'), fullPage: true });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
    } finally {
      await phone.context().close();
    }
  }, 90_000);
});
