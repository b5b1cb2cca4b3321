/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createLocalEmbedder } from '@clara/core';
import { runEval } from '@clara/server/eval';
import {
  type AdminClient,
  recordAChoice,
  startHostSite,
  type TestServer,
  widgetPage as widget,
} from '@clara/server/testing';
import { listRecentQuestions } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { giftCardWordings } from '@clara/testkit/gap-wordings';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

const sizes = [
  { width: 1366, height: 900, prefix: '' },
  { width: 375, height: 812, prefix: 'phone-' },
];
describe.each(sizes)('the owner’s workbench in Chromium at $width px', (size) => {
  let admin: AdminHarness;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let owner: AdminClient;
  let artifacts: string;

  const shot = (name: string) =>
    page.screenshot({ path: join(artifacts, `${size.prefix}${name}.png`), fullPage: true });
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
  /** Reply kinds from `runEval` (what `clara eval` runs) over the workspace's stored questions and active pairs. */
  const evalKinds = async (threshold: number) => {
    const questions = await listRecentQuestions(server.db, owner.workspaceId, { days: 30, limit: 500 });
    const pairs = await server.db.query<{ question: string; answer: string; category: string }>(
      'SELECT question, answer, category FROM qa_pairs WHERE workspace_id = $1 AND is_active ORDER BY created_at, id',
      [owner.workspaceId],
    );
    const db = await createTestDatabase();
    const kinds: string[] = [];
    try {
      await runEval({
        db,
        embedder: createLocalEmbedder(),
        kb: { rows: pairs.map((pair, i) => ({ row: i + 2, pair })), errors: [] },
        queries: questions.map((q) => ({ query: q.question, expected_answer: null })),
        threshold,
        onResult: (line) => kinds.push(line.reply_kind),
      });
    } finally {
      await db.close();
    }
    return kinds;
  };
  /** Follows a navigation link (on a phone it sits behind the Menu button). */
  const go = async (name: string) => {
    const nav = page.locator('nav');
    if (!(await nav.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name }).click();
  };

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
    ({ server, browser, owner, artifacts } = admin);
    await server.addPairs(owner.workspaceId, groomerPairs);
    page = await admin.signIn({ viewport: { width: size.width, height: size.height } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('answers a group of five similar gaps once: all five resolved, each wording answered', async () => {
    for (const w of giftCardWordings) expect((await ask(w)).gap_detected).toBe(true);
    await ask(giftCardWordings[1] as string);
    await go('Gap inbox');
    const group = page.locator('article', { has: page.getByRole('heading', { name: giftCardWordings[1] }) });
    await group.getByText('6 questions', { exact: true }).waitFor();
    for (const w of giftCardWordings)
      await group.getByRole('listitem').getByText(w, { exact: true }).waitFor();
    await shot('gaps-grouped');
    await group.getByRole('button', { name: 'Answer once (5)' }).click();
    await group.getByLabel('Answer', { exact: true }).fill('Yes: gift cards from $25, for any groom.');
    await group.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('Answer added: 5 questions resolved').waitFor();
    await page.getByText('No open gaps').waitFor();
    for (const w of giftCardWordings) {
      const reply = await ask(w);
      expect(reply.reply_kind, w).toBe('answer');
      expect(reply.content).toContain('gift cards from $25');
    }
    const resolved = await owner.json('GET', '/api/admin/gaps?status=resolved');
    expect(resolved.body.counts.resolved).toBe(5);
    // And in the widget on the owner's site, each wording gets the answer.
    const site = await startHostSite(server.url);
    const visitor = await browser.newPage({ viewport: { width: size.width, height: size.height } });
    try {
      await widget.loadWidget(visitor, site.url(owner.workspaceId));
      await widget.openWidget(visitor);
      for (const [i, w] of giftCardWordings.entries()) {
        await widget.ask(visitor, w);
        await widget.waitForAnswers(visitor, i + 1);
        expect(await widget.ui(visitor).answers.last().textContent()).toContain('gift cards from $25');
      }
      await visitor.screenshot({ path: join(artifacts, `${size.prefix}widget-after-group-answered.png`) });
    } finally {
      await visitor.close();
      await site.close();
    }
  }, 90_000);

  it('accepts a visitor’s choice as a phrasing in one click; the wording is then answered', async () => {
    const choice = await recordAChoice(server.url, owner.workspaceId);
    await page.reload();
    const item = page.getByRole('listitem').filter({ hasText: `A visitor asking “${choice.question}”` });
    await item.getByText(`picked “${choice.chosen}”`).waitFor();
    await shot('gaps-choices');
    await item.getByRole('button', { name: 'Add as a phrasing' }).click();
    await page.getByText(`“${choice.question}” added as a phrasing`).waitFor();
    await item.waitFor({ state: 'detached' });
    const reply = await ask(choice.question);
    expect(reply.reply_kind).toBe('answer');
    const answer = groomerPairs.find((p) => p.question === choice.chosen)?.answer ?? '';
    expect(reply.content).toContain(answer.slice(0, 30));
    // And in the widget on the owner's site.
    const site = await startHostSite(server.url);
    const visitor = await browser.newPage({ viewport: { width: size.width, height: size.height } });
    try {
      await widget.loadWidget(visitor, site.url(owner.workspaceId));
      await widget.openWidget(visitor);
      await widget.ask(visitor, choice.question);
      await widget.waitForAnswers(visitor, 1);
      expect(await widget.ui(visitor).answers.last().textContent()).toContain(answer.slice(0, 30));
      await visitor.screenshot({ path: join(artifacts, `${size.prefix}widget-after-phrasing-accepted.png`) });
    } finally {
      await visitor.close();
      await site.close();
    }
    // The accepted wording shows on the chosen pair, and can be removed there.
    await go('Knowledge');
    // The chosen pair's own row (the phrasing's row names it too: "a visitor's wording of …").
    const own = new RegExp(`^${choice.chosen.replace(/[?.]/g, '\\$&')}$`);
    await page
      .getByRole('row')
      .filter({ has: page.locator('div.q', { hasText: own }) })
      .getByRole('button', { name: 'Edit' })
      .click();
    const dialog = page.getByRole('dialog');
    const wording = dialog.getByRole('listitem').filter({ hasText: `“${choice.question}”` });
    await wording.waitFor();
    await shot('knowledge-phrasings');
    await wording.getByRole('button', { name: `Remove the wording: ${choice.question}` }).click();
    await wording.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
  }, 90_000);

  it('tries a threshold on recent questions in Settings before saving it', async () => {
    await go('Settings');
    const slider = page.locator('input[name="confidence_threshold"]');
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByRole('button', { name: 'Try 0.50 on recent questions' }).click();
    const result = page.locator('output.replay-result');
    await result.getByText('Clara would have:').waitFor();
    const direct = (await owner.json('POST', '/api/admin/threshold-replay', { threshold: 0.5, limit: 500 }))
      .body;
    expect(direct.considered).toBeGreaterThan(10);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(`Of the last ${direct.considered} visitor questions`);
    expect(text).toContain(`${direct.answered} answered`);
    expect(text).toContain(`${direct.clarified} asked “Did you mean…?”`);
    expect(text).toContain(`${direct.gaps} filed as ${direct.gaps === 1 ? 'a gap' : 'gaps'}`);
    // And the same counts from a direct run of `clara eval`: today's knowledge base, the same
    // stored questions (repeats included), threshold 0.50.
    const kinds = await evalKinds(0.5);
    expect(text).toContain(`${kinds.filter((k) => k === 'answer').length} answered`);
    expect(text).toContain(`${kinds.filter((k) => k === 'clarify').length} asked “Did you mean…?”`);
    const gapCount = kinds.filter((k) => k === 'gap').length;
    expect(text).toContain(`${gapCount} filed as ${gapCount === 1 ? 'a gap' : 'gaps'}`);
    await result.scrollIntoViewIfNeeded();
    await shot('settings-threshold-replay');
    // Nothing saved: the live threshold is unchanged until the owner saves.
    expect((await owner.json('GET', '/api/admin/settings')).body.settings.confidence_threshold).toBe(0.78);
  }, 90_000);
});
