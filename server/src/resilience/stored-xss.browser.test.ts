/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Stored XSS (issue 11, item 8): payloads stored in pairs (question, answer), a visitor name,
 * a gap question and the visitor-facing settings are rendered in Chromium by the widget on a
 * host page and by the admin pages. Nothing runs (`window.__xss` stays undefined, no dialog,
 * no element or attribute built from a payload) and each payload shows as text.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { report } from '../../test/resilience/report';
import { startTestServer, type TestServer } from '../../test/test-server';
import { type HostSite, startHostSite } from '../../test/widget/host-page';
import { ask, loadWidget, openWidget, ui, waitForAnswers } from '../../test/widget/widget-page';

const p = {
  img: '<img src=x onerror=window.__xss=1>',
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  alert: '<img src=y onerror=alert(1)>',
  link: '[see here](javascript:window.__xss=1)',
};
const question = `What does the ${p.img} plan cost?`;
const answer = `It costs ${p.script} a month ${p.svg} ${p.alert}, details ${p.link}.`;
const chipQuestions = [`Do you deliver ${p.svg} parcels?`, `Can I pay by ${p.script} card?`];
const gapQuestion = `Is the ${p.svg} airship museum ${p.img} open on Mars?`;
const visitorName = `${p.img} ${p.svg}`;
const settings = {
  display_name: p.svg,
  welcome_message: `Hello ${p.script} ${p.img} ${p.link}`,
  suggested_messages: [p.img, p.script, p.svg, p.alert],
  placeholder_text: p.img,
  max_suggestion_chips: 5,
};

let server: TestServer;
let site: HostSite;
let browser: Browser;
let owner: AdminClient;
const checked: Record<string, number> = {};

/** Asserts nothing ran on the page and that every payload shows as text on this surface. */
async function expectInert(page: Page, dialogs: string[], surface: string, text: string, payloads: string[]) {
  expect(await page.evaluate('typeof window.__xss'), surface).toBe('undefined');
  expect(dialogs, surface).toEqual([]);
  // Elements a payload would have created, in the page and inside the widget's shadow root.
  const built = await page.evaluate(`(() => {
    const roots = [document, document.querySelector('clara-widget')?.shadowRoot].filter(Boolean);
    const sel = '[onerror], [onload], img[src="x"], img[src="y"], a[href^="javascript"], script:not([src])';
    return roots.flatMap((r) => [...r.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 80)));
  })()`);
  expect(built, surface).toEqual([]);
  for (const payload of payloads) expect(text, `${surface}: ${payload}`).toContain(payload);
  checked[surface] = payloads.length;
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs, close: () => context.close() };
}

function buildIfMissing(pkg: string, file: string) {
  const dir = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  if (!existsSync(join(dir, 'dist', file)))
    execFileSync('npm', ['run', 'build', '-w', pkg], { cwd: join(dir, '..'), stdio: 'ignore' });
}

beforeAll(async () => {
  buildIfMissing('@clara/widget', 'widget.js');
  buildIfMissing('@clara/admin', 'index.html');
  server = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
  site = await startHostSite(server.url);
  owner = await signUpOwner(server.url, { workspaceName: 'Hostile Input Ltd' });
  for (const [q, a] of [[question, answer], ...chipQuestions.map((q) => [q, 'Yes, we do.'])])
    expect((await owner.json('POST', '/api/admin/knowledge', { question: q, answer: a })).status).toBe(201);
  const saved = await owner.json('PATCH', '/api/admin/settings', { settings });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.settings).toMatchObject(settings);
  // The gap: from the detector, or else from the visitor's thumbs-down (files the question as a gap).
  const turn = { workspace_id: owner.workspaceId, session_token: randomUUID() };
  const post = (path: string, body: object) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...turn, ...body }),
    }).then((r) => r.json() as Promise<any>);
  const { message } = await post('/api/chat', {
    message_id: randomUUID(),
    message: gapQuestion,
    visitor: { name: visitorName },
  });
  if (!message.gap_detected)
    await post('/api/chat/feedback', { message_id: message.message_id, rating: 'down' });
  const gaps = await owner.json('GET', '/api/admin/gaps');
  expect(gaps.body.items.map((g: { question: string }) => g.question)).toContain(gapQuestion);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  report('stored-xss', { payloads: Object.keys(p).length, checks_per_surface: checked });
  await browser?.close();
  await site?.close();
  await server?.close();
});

/** The widget's visible text (its shadow root without the stylesheet). */
const widgetText = (page: Page) =>
  page.evaluate(`(() => {
    const root = document.querySelector('clara-widget').shadowRoot;
    return [...root.children].filter((e) => e.tagName !== 'STYLE').map((e) => e.textContent).join('\\n');
  })()`) as Promise<string>;

describe('stored XSS payloads render as text', () => {
  it('in the widget on a host page: settings, answer, chips, and the restored conversation', async () => {
    const { page, dialogs, close } = await newPage();
    try {
      await loadWidget(page, site.url(owner.workspaceId));
      await openWidget(page);
      const w = ui(page);
      await expect(w.title.textContent()).resolves.toBe(p.svg);
      await expect(w.input.getAttribute('placeholder')).resolves.toBe(p.img);
      await expect(w.chips.allTextContents()).resolves.toEqual(settings.suggested_messages);
      // The markdown link with a javascript: target keeps its text and loses its link.
      const welcome = settings.welcome_message.replace(p.link, 'see here');
      await expectInert(page, dialogs, 'widget settings', await widgetText(page), [
        p.svg,
        welcome,
        ...settings.suggested_messages,
      ]);

      await ask(page, question);
      await waitForAnswers(page, 1);
      await expect(w.answers.last().textContent()).resolves.toContain(p.script);
      const shown = answer.replace(p.link, 'see here');
      await page.waitForTimeout(300); // any onerror from a failed image load would have fired
      // Answer chips: the related pairs' questions (which ones is up to retrieval), as text.
      const chips = await w.chips.allTextContents();
      expect(chips.length).toBeGreaterThan(0);
      for (const chip of chips) expect(chipQuestions).toContain(chip);
      await expectInert(page, dialogs, 'widget answer and chips', await widgetText(page), [
        question,
        shown,
        ...chips,
      ]);

      await page.reload();
      await ui(page).panel.waitFor({ state: 'visible' }); // it stays open across the reload
      await waitForAnswers(page, 1);
      await expectInert(page, dialogs, 'widget restored history', await widgetText(page), [question, shown]);
    } finally {
      await close();
    }
  }, 60_000);

  it('in the admin: knowledge table, gap inbox, conversations and transcript, settings preview', async () => {
    const { page, dialogs, close } = await newPage();
    const bodyText = () => page.evaluate('document.body.innerText') as Promise<string>;
    const nav = (name: string) => page.locator('nav').getByRole('link', { name }).click();
    try {
      await page.goto(`${server.url}/admin/`);
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await expectInert(page, dialogs, 'admin overview', await bodyText(), []);

      await nav('Knowledge');
      await page.getByText(chipQuestions[0] as string).waitFor();
      await expectInert(page, dialogs, 'admin knowledge', await bodyText(), [
        question,
        answer,
        ...chipQuestions,
      ]);

      await nav('Gap inbox');
      await page.getByRole('heading', { name: gapQuestion }).waitFor();
      await expectInert(page, dialogs, 'admin gap inbox', await bodyText(), [gapQuestion]);

      await nav('Conversations');
      const conversation = page.getByRole('button', { name: gapQuestion });
      await conversation.waitFor();
      await expectInert(page, dialogs, 'admin conversations list', await bodyText(), [gapQuestion, question]);
      await conversation.click();
      await page.getByText(visitorName).first().waitFor();
      await expectInert(page, dialogs, 'admin transcript', await bodyText(), [visitorName, gapQuestion]);
      // The widget's conversation: the visitor's question and the stored answer with its payloads.
      await page.getByRole('button', { name: question }).click();
      await page.getByText(answer).first().waitFor();
      await expectInert(page, dialogs, 'admin transcript (answer)', await bodyText(), [question, answer]);

      await nav('Settings');
      await page.getByTestId('widget-preview').waitFor();
      const preview = (await page.getByTestId('widget-preview').textContent()) ?? '';
      await expectInert(page, dialogs, 'admin settings preview', preview, [
        p.svg,
        settings.welcome_message,
        settings.placeholder_text,
        ...settings.suggested_messages,
      ]);
    } finally {
      await close();
    }
  }, 60_000);
});
