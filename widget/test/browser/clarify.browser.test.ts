/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * The three kinds of reply in the embedded widget, in Chromium against the real server and
 * engine: a paraphrase is answered; a vaguer question gets "Did you mean…?" with the closest
 * questions as buttons in the reply, the visitor clicks one, its answer shows and the owner's
 * admin API lists the choice against the gap; an unrelated question gets the honest fallback.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import {
  type AdminClient,
  type HostSite,
  signUpOwner,
  startHostSite,
  startTestServer,
  type TestServer,
  widgetPage,
} from '@clara/server/testing';
import { launchChromium } from '@clara/testkit/chromium';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const { ask, loadWidget, openWidget, ui } = widgetPage;

// Screenshots beside the fake-API suite's, in their own folder (both take widget-open.png).
const ARTIFACTS = new URL('../../test-artifacts/real-server/', import.meta.url).pathname;

let server: TestServer;
let site: HostSite;
let browser: Browser;
let owner: AdminClient;
let page: Page;

/** Waits until the widget shows `n` assistant bubbles and none is still streaming. */
async function waitForBubbles(n: number): Promise<void> {
  await page.waitForFunction(
    `(() => {
      const root = document.querySelector('clara-widget')?.shadowRoot;
      return (root?.querySelectorAll('.item .m.a').length ?? 0) >= ${n} && !root?.querySelector('[aria-busy]');
    })()`,
    undefined,
    { timeout: 30_000 },
  );
}

/** Asks a question and returns the locator of its reply bubble. */
async function reply(question: string) {
  const before = await ui(page).answers.count();
  await ask(page, question);
  await waitForBubbles(before + 1);
  return ui(page).answers.nth(before);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Build the widget from its sources: the test checks what the sources render today.
  const widgetDir = dirname(createRequire(import.meta.url).resolve('@clara/widget/package.json'));
  execFileSync('node', ['scripts/build.mjs'], { cwd: widgetDir, stdio: 'ignore' });
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  site = await startHostSite(server.url);
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  });
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort(),
  );
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

describe('reply kinds in the widget', () => {
  it('answers, asks "Did you mean…?" with buttons that answer and record the choice, and falls back honestly', async () => {
    await loadWidget(page, site.url(owner.workspaceId));
    await openWidget(page);

    // (a) A paraphrase gets the answer, with no "Did you mean…?" buttons.
    const answered = await reply(q.paraphrase);
    await expect.poll(() => answered.textContent()).toContain(q.paraphraseAnswer);
    expect(await answered.locator('.opt').count()).toBe(0);

    // (b) A vaguer question: the reply asks, and its questions are buttons right under its text.
    const clarify = await reply(q.vague);
    expect(await clarify.textContent()).toMatch(/Did you mean (one of these questions|this question)\?/);
    const group = clarify.getByRole('group', { name: /^Did you mean/ });
    const options = group.getByRole('button');
    expect(await options.count()).toBeGreaterThan(0);
    const pick = group.getByRole('button', { name: q.vagueChoice, exact: true });
    await expect.poll(() => pick.isVisible()).toBe(true);
    // They are the reply, not the generic suggestions row under an answer.
    const item = clarify.locator('xpath=..');
    expect(await item.locator('.row[aria-label="Suggested questions"], .chip').count()).toBe(0);
    const [text, first] = await Promise.all([
      clarify.locator('p').first().boundingBox(),
      options.first().boundingBox(),
    ]);
    expect(first && text && first.y).toBeGreaterThan((text?.y ?? 0) + (text?.height ?? 0) - 1);
    await page.screenshot({ path: `${ARTIFACTS}widget-clarify.png` });

    const count = await ui(page).answers.count();
    await pick.click();
    await waitForBubbles(count + 1);
    await expect.poll(() => ui(page).userMessages.last().textContent()).toContain(q.vagueChoice);
    const chosen = ui(page).answers.nth(count);
    expect(await chosen.textContent()).toContain(q.vagueAnswer);
    expect(await chosen.locator('.opt').count()).toBe(0);

    // The owner's admin API lists the visitor's pick against the gap the vague question filed.
    const { status, body } = await owner.json('GET', '/api/admin/gaps/choices');
    expect(status).toBe(200);
    expect(body.choices).toEqual([
      expect.objectContaining({ question: q.vague, chosen_question: q.vagueChoice }),
    ]);
    const resolved = (await owner.json('GET', '/api/admin/gaps?status=resolved')).body.items;
    expect(resolved.find((g: any) => g.id === body.choices[0].gap_id)).toMatchObject({
      question: q.vague,
      resolved_qa: { id: body.choices[0].chosen_qa_id, question: q.vagueChoice },
    });

    // (c) An unrelated question gets the honest fallback, not "Did you mean…?".
    const fallback = await reply(q.unrelated);
    expect(await fallback.textContent()).toContain("I don't have that information yet");
    expect(await fallback.locator('.opt').count()).toBe(0);
    expect((await owner.json('GET', '/api/admin/gaps')).body.items.map((g: any) => g.question)).toContain(
      q.unrelated,
    );
  });

  it('restores the "Did you mean…?" buttons from history after a reload', async () => {
    await page.reload();
    await ui(page).bubble.waitFor({ state: 'visible' });
    if (!(await ui(page).panel.isVisible())) await openWidget(page);
    await page.waitForFunction(
      `(() => (document.querySelector('clara-widget')?.shadowRoot?.querySelectorAll('.item .m.a').length ?? 0) >= 5)()`,
    );
    const restored = page
      .locator('clara-widget .opts')
      .getByRole('button', { name: q.vagueChoice, exact: true });
    expect(await restored.count()).toBe(1);
  });
});
