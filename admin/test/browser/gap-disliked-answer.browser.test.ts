/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// A bike shop's gap inbox: "Clara answers this now" and its one click hold only for the wordings
// Clara answers; a pair a visitor disliked is never the one-click answer; a visitor's vague
// wording picked for a narrow pair says what adding it as a phrasing would do.

const rental = [
  ['Do you rent electric bikes?', 'Yes, e-bikes from 35 euros a day, helmet included.', 'rental'],
  ['Do you rent tandems?', 'One tandem, 50 euros a day: book a week ahead.', 'rental'],
  ['Can I hire a child seat?', 'Yes, 5 euros a day with any rental.', 'rental'],
  ['Do you sell kids bikes?', 'Yes, from balance bikes to 26 inch wheels.', 'shop'],
] as const;

describe('gap inbox one-click answers in Chromium (bike shop)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;
  let artifacts: string;

  const ask = async (message: string, session = randomUUID()) => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: randomUUID(),
        message,
      }),
    });
    return ((await res.json()) as any).message;
  };
  const add = async (pairs: readonly (readonly [string, string, string])[]) => {
    for (const [question, answer, category] of pairs) {
      expect((await owner.json('POST', '/api/admin/knowledge', { question, answer, category })).status).toBe(
        201,
      );
    }
  };
  const card = (title: string) =>
    page.locator('article.gap-group', { has: page.getByRole('heading', { name: title, exact: true }) });

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Spokes Bike Shop' });
    ({ server, owner, artifacts } = admin);
    await add([
      ['Do you fix flat tyres?', 'Yes, a flat tyre is fixed while you wait, 15 euros.', 'repairs'],
      ['What are your opening hours?', 'Tuesday to Saturday, 9 to 6.', 'general'],
    ]);
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('resolves only the wordings Clara answers now', async () => {
    for (const question of ['Do you rent e-bikes?', 'Do you rent e-bikes?', 'can i rent']) {
      expect((await ask(question)).reply_kind).not.toBe('answer');
    }
    await add(rental);
    expect((await ask('can i rent')).reply_kind).toBe('clarify');

    await page.locator('nav').getByRole('link', { name: 'Gap inbox' }).click();
    const group = card('Do you rent e-bikes?');
    await group.getByText('Clara answers this now').waitFor();
    // The owner ticks the vague wording too: Clara does not answer it with the e-bike pair.
    await group.getByRole('checkbox', { name: /can i rent/ }).check();
    await group
      .getByText(/Clara now answers one of these wordings with “Do you rent electric bikes\?”/)
      .waitFor();
    expect(await group.getByText('Clara answers this now').count()).toBe(0);
    await expect(group.locator('p', { hasText: 'not yet “can i rent”' }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(artifacts, 'gaps-answers-some-now.png'), fullPage: true });
    await group
      .getByRole('button', { name: 'Resolve the one it answers with “Do you rent electric bikes?”' })
      .click();
    // The vague wording stays open, answered by nothing.
    await card('can i rent').waitFor();
    expect(await card('Do you rent e-bikes?').count()).toBe(0);
    expect(
      await card('can i rent')
        .getByRole('button', { name: /^Resolve/ })
        .count(),
    ).toBe(0);
  }, 120_000);

  it('never offers the answer a visitor disliked as the one click', async () => {
    const session = randomUUID();
    const answered = await ask('Do you rent e-bikes?', session);
    expect(answered.reply_kind).toBe('answer');
    const rated = await fetch(`${server.url}/api/chat/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: answered.message_id,
        rating: 'down',
      }),
    });
    expect(((await rated.json()) as any).feedback.gap_filed).toBe(true);

    await page.reload();
    const group = page.locator('article.gap-group', { hasText: 'Do you rent e-bikes?' });
    await group.getByText('Visitor disliked this answer').waitFor();
    await group
      .getByText('Not offered in one click, a visitor disliked its answer: “Do you rent electric bikes?”')
      .waitFor();
    expect(await group.getByRole('button', { name: /Resolve with/ }).count()).toBe(0);
    expect(
      await group.getByRole('button', { name: 'Use the answer of “Do you rent electric bikes?”' }).count(),
    ).toBe(0);
    expect(await group.getByText('Clara answers this now').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'gaps-disliked-not-offered.png'), fullPage: true });
  }, 120_000);

  it('says what adding a vague wording as a phrasing of a narrow pair would do', async () => {
    const session = randomUUID();
    expect((await ask('can i rent', session)).reply_kind).toBe('clarify');
    expect((await ask('Do you rent electric bikes?', session)).reply_kind).toBe('answer');
    await page.reload();
    const choice = page.locator('li.choice', { hasText: 'A visitor asking “can i rent” picked' });
    await choice
      .getByText('“can i rent” is broader: it does not say “electric”, “bike”.', { exact: false })
      .waitFor();
    expect(await choice.getByRole('button', { name: 'Add as a phrasing', exact: true }).count()).toBe(0);
    await choice.getByRole('button', { name: 'Add as a phrasing anyway' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'gaps-vague-choice.png'), fullPage: true });
  }, 120_000);
});
