/**
 * The embeddable widget against the real server in Chromium: a host page on another loopback
 * origin with only `<script src="SERVER/widget.js" data-workspace-id="ID" async>`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import {
  type AdminClient,
  type HostSite,
  keysCommand,
  signUpOwner,
  startHostSite,
  startTestServer,
  type TestServer,
  widgetPage,
} from '@clara/server/testing';
import { listGaps, sessionHistory } from '@clara/supabase';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const { ask, focused, loadWidget, openWidget, styles, ui, waitForAnswers } = widgetPage;

// Screenshots beside the fake-API suite's, in their own folder (both take widget-open.png).
const ARTIFACTS = new URL('../../test-artifacts/real-server/', import.meta.url).pathname;
const BOOKING = 'https://cal.example.com/brightside';
const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 6, **Monday to Saturday**.',
    category: 'general',
  },
  {
    question: 'Do you rent bikes?',
    answer: 'Yes: city bikes from $15 a day, e-bikes from $35.',
    category: 'rentals',
  },
  {
    question: 'How much is a tune-up?',
    answer: 'A standard tune-up is $60 and takes a day.',
    category: 'repairs',
  },
  { question: 'Do you repair e-bikes?', answer: 'Yes, we service most e-bike brands.', category: 'repairs' },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'shipping' },
];
const settings = (site: HostSite) => ({
  display_name: 'Brightside',
  welcome_message: 'Hi! Ask me anything about our bikes.',
  placeholder_text: 'Ask about bikes…',
  suggested_messages: ['What are your opening hours?', 'Do you rent bikes?'],
  primary_color: '#0f766e',
  bubble_color: '#fbbf24',
  bubble_position: 'left',
  avatar_url: `${site.origin()}/avatar.svg`,
  booking_url: BOOKING,
  allowed_origins: [site.origin('localhost')],
});

let server: TestServer;
let site: HostSite;
let browser: Browser;
let openai: FakeProviderServer;
let workspaceId: string;
let llmWorkspaceId: string;
let context: BrowserContext;
let page: Page;
let dialogs: string[];

/** A context whose requests never leave the machine: other hosts get a stub page. */
async function newContext(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  await ctx.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.fulfill({ contentType: 'text/html', body: 'stub booking page' }),
  );
  return ctx;
}

const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const widgetDir = dirname(createRequire(import.meta.url).resolve('@clara/widget/package.json'));
  if (!existsSync(join(widgetDir, 'dist', 'widget.js'))) {
    execFileSync('npm', ['run', 'build', '-w', '@clara/widget'], {
      cwd: join(widgetDir, '..'),
      stdio: 'ignore',
    });
  }
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL, CLARA_LLM_TIMEOUT_MS: '20000' } });
  site = await startHostSite(server.url);
  ({ workspaceId } = await server.createWorkspace({ settings: settings(site) }));
  ({ workspaceId: llmWorkspaceId } = await server.createWorkspace({ settings: settings(site) }));
  await server.addPairs(workspaceId, pairs);
  await server.addPairs(llmWorkspaceId, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: llmWorkspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-widget-0123456789',
    default: true,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
  await openai?.close();
});

beforeEach(async () => {
  context = await newContext();
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});
afterEach(() => context?.close());

describe('widget on a page with only the snippet, real server', () => {
  it('shows the workspace settings, answers over SSE and looks right', async () => {
    await loadWidget(page, site.url(workspaceId));
    const w = ui(page);
    await expect(w.bubble.getAttribute('aria-label')).resolves.toBe('Open chat with Brightside');
    await openWidget(page);
    await expect(w.title.textContent()).resolves.toBe('Brightside');
    await expect(w.input.getAttribute('placeholder')).resolves.toBe('Ask about bikes…');
    await expect(w.answers.first().textContent()).resolves.toContain('Hi! Ask me anything about our bikes.');
    await expect(w.chips.allTextContents()).resolves.toEqual([
      'What are your opening hours?',
      'Do you rent bikes?',
    ]);
    await expect(w.footer.textContent()).resolves.toBe('Powered by Clara');
    await expect(page.locator('clara-widget .hd img.av').getAttribute('src')).resolves.toBe(
      `${site.origin()}/avatar.svg`,
    );
    expect(
      await styles(page, { '.hd': 'background-color', '.hd h2': 'color', '.bubble': 'background-color' }),
    ).toEqual({
      '.hd background-color': rgb('#0f766e'),
      '.hd h2 color': 'rgb(255, 255, 255)', // white on the dark teal
      '.bubble background-color': rgb('#fbbf24'),
    });
    const bubbleBox = await w.bubble.boundingBox();
    expect(bubbleBox?.x).toBeLessThan(100); // bubble_position: left

    const response = page.waitForResponse((r) => r.url() === `${server.url}/api/chat`);
    await ask(page, 'What are your opening hours?');
    const res = await response;
    expect(res.headers()['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers()['access-control-allow-origin']).toBe(site.origin('localhost'));
    await waitForAnswers(page, 1);
    const wire = await res.text();
    expect(wire.indexOf('event: meta')).toBeLessThan(wire.indexOf('event: delta'));
    expect(wire.indexOf('event: delta')).toBeLessThan(wire.indexOf('event: done'));
    await expect(w.answers.last().textContent()).resolves.toBe(
      'Brightside: We are open 9 to 6, Monday to Saturday.',
    );
    await expect(w.answers.last().locator('strong').textContent()).resolves.toBe('Monday to Saturday');
    await expect.poll(() => page.locator('clara-widget [role=status]').textContent()).toMatch(/We are open/);
    await page.screenshot({ path: `${ARTIFACTS}widget-open.png` });
  });

  it('shows the answer while the model is still writing it (LLM stream relayed delta by delta)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const text = 'We ship to France and 29 other countries; delivery takes about a week.';
    openai.script({ type: 'reply', text, gate, gateAfter: 3 });
    await loadWidget(page, site.url(llmWorkspaceId));
    await openWidget(page);
    await ask(page, 'Can you ship my order to France?');
    // The first three words are on screen and the answer is still marked busy.
    await page.waitForFunction(`(() => {
      const busy = document.querySelector('clara-widget')?.shadowRoot?.querySelector('.m.a[aria-busy]');
      return (busy?.textContent ?? '').includes('We ship to');
    })()`);
    await expect(ui(page).answers.last().textContent()).resolves.not.toContain('delivery');
    release();
    await waitForAnswers(page, 1);
    await expect(ui(page).answers.last().textContent()).resolves.toBe(`Brightside: ${text}`);
  });

  it('asks a suggested message and an answer chip when clicked, both answered', async () => {
    await loadWidget(page, site.url(workspaceId));
    await openWidget(page);
    const w = ui(page);
    await w.chips.filter({ hasText: 'Do you rent bikes?' }).click();
    await waitForAnswers(page, 1);
    await expect(w.userMessages.last().textContent()).resolves.toBe('You: Do you rent bikes?');
    await expect(w.answers.last().textContent()).resolves.toContain('city bikes from $15 a day');
    const chips = await w.chips.allTextContents();
    expect(chips.length).toBeGreaterThan(0);
    await w.chips.first().click();
    await waitForAnswers(page, 2);
    await expect(w.userMessages.last().textContent()).resolves.toBe(`You: ${chips[0]}`);
    const answer = pairs.find((p) => p.question === chips[0])?.answer.replace(/\*\*/g, '');
    await expect(w.answers.last().textContent()).resolves.toBe(`Brightside: ${answer}`);
  });

  it('offers the booking button when the visitor asks for a person', async () => {
    await loadWidget(page, site.url(workspaceId));
    await openWidget(page);
    await ask(page, 'can I talk to someone?');
    await waitForAnswers(page, 1);
    const book = ui(page).book;
    await expect(book.textContent()).resolves.toBe('Book a call');
    await expect(book.getAttribute('href')).resolves.toBe(BOOKING);
    await expect(book.getAttribute('target')).resolves.toBe('_blank');
    await expect(book.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    const [popup] = await Promise.all([context.waitForEvent('page'), book.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(BOOKING);
    await popup.close();
  });

  it('files a gap on a thumbs-down, and a reload restores the conversation and the pressed thumb', async () => {
    await loadWidget(page, site.url(workspaceId));
    await openWidget(page);
    await ask(page, 'How much is a tune-up?');
    await waitForAnswers(page, 1);
    const down = () => page.locator('clara-widget .item').last().getByRole('button', { name: 'Not helpful' });
    const feedback = page.waitForResponse((r) => r.url() === `${server.url}/api/chat/feedback`);
    await down().click();
    expect((await feedback).status()).toBe(200);
    await expect(down().getAttribute('aria-pressed')).resolves.toBe('true');
    await expect
      .poll(async () =>
        (await listGaps(server.db, workspaceId)).find((g) => g.question === 'How much is a tune-up?'),
      )
      .toMatchObject({ ai_answer: 'A standard tune-up is $60 and takes a day.', status: 'open' });
    const token = await page.evaluate(`sessionStorage.length`);
    expect(token).toBeGreaterThan(0);

    await page.reload();
    await ui(page).panel.waitFor({ state: 'visible' }); // it stays open across the reload
    await waitForAnswers(page, 1);
    await expect(ui(page).userMessages.allTextContents()).resolves.toEqual(['You: How much is a tune-up?']);
    await expect(ui(page).answers.last().textContent()).resolves.toContain('A standard tune-up is $60');
    await expect(down().getAttribute('aria-pressed')).resolves.toBe('true');
    const helpful = page
      .locator('clara-widget .item')
      .last()
      .getByRole('button', { name: 'Helpful', exact: true });
    await expect(helpful.getAttribute('aria-pressed')).resolves.toBe('false');
  });

  it('shows HTML typed by the visitor as text and runs none of it', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    await loadWidget(page, site.url(workspaceId));
    await openWidget(page);
    await ask(page, payload);
    await waitForAnswers(page, 1);
    await expect(ui(page).userMessages.last().textContent()).resolves.toBe(`You: ${payload}`);
    await expect(page.locator('clara-widget .log img').count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    const token = (await page.evaluate(
      `Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).find((v) => /^[0-9a-f-]{36}$/.test(v))`,
    )) as string;
    const stored = await sessionHistory(server.db, workspaceId, token);
    expect(stored[0]?.content).toBe(payload); // stored as typed, shown as text
  });

  it('works with the keyboard alone: Tab to the bubble, Enter, type, Enter, Escape', async () => {
    await loadWidget(page, site.url(workspaceId));
    let onBubble = false;
    for (let i = 0; i < 10 && !onBubble; i++) {
      await page.keyboard.press('Tab');
      onBubble = (await focused(page))?.startsWith('button.bubble') ?? false;
    }
    expect(onBubble).toBe(true);
    await page.keyboard.press('Enter');
    await ui(page).panel.waitFor({ state: 'visible' });
    expect(await focused(page)).toMatch(/^textarea/);
    await page.keyboard.type('Do you repair e-bikes?');
    await page.keyboard.press('Enter');
    await waitForAnswers(page, 1);
    await expect(ui(page).answers.last().textContent()).resolves.toContain('most e-bike brands');
    let onChip = false;
    for (let i = 0; i < 12 && !onChip; i++) {
      await page.keyboard.press('Tab');
      onChip = (await focused(page))?.startsWith('button.chip') ?? false;
    }
    expect(onChip).toBe(true);
    await page.keyboard.press('Enter'); // asks the chip
    await waitForAnswers(page, 2);
    await page.keyboard.press('Escape');
    await ui(page).panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatch(/^button\.bubble/);
  });

  it('keeps the focus in the message box after a click on Send or a starter, so Escape still closes', async () => {
    await loadWidget(page, site.url(workspaceId));
    await openWidget(page);
    const w = ui(page);
    // A starter is removed once asked: the focus goes to the message box, not to <body>.
    await w.chips.filter({ hasText: 'Do you rent bikes?' }).click();
    expect(await focused(page)).toMatch(/^textarea/);
    await waitForAnswers(page, 1);

    await w.input.fill('How much is a tune-up?');
    const send = page.locator('clara-widget button.send');
    await send.focus();
    expect(await focused(page)).toMatch(/^button\.send/);
    await send.click();
    // Send is disabled while the answer comes: the focus is back in the message box at once.
    expect(await focused(page)).toMatch(/^textarea/);
    await waitForAnswers(page, 2);
    await expect(w.answers.last().textContent()).resolves.toContain('tune-up is $60');
    expect(await focused(page)).toMatch(/^textarea/);
    await page.keyboard.press('Escape');
    await w.panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatch(/^button\.bubble/);
  });
});

describe('owner settings reach the widget', () => {
  let owner: AdminClient;
  const patch = async (s: Record<string, unknown>) => {
    const res = await owner.json('PATCH', '/api/admin/settings', { settings: s });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    owner = await signUpOwner(server.url, { workspaceName: 'Spokes' });
    await server.addPairs(owner.workspaceId, pairs);
  });

  it('a colour changed in the admin shows on the next page load', async () => {
    await patch({ primary_color: '#b91c1c', display_name: 'Spokes' });
    await loadWidget(page, site.url(owner.workspaceId));
    await openWidget(page);
    await expect(styles(page, { '.hd': 'background-color' })).resolves.toEqual({
      '.hd background-color': rgb('#b91c1c'),
    });
    await patch({ primary_color: '#fde047', display_name: 'Spokes Bot' });
    await page.reload(); // same browser cache: the config is revalidated, not reused
    await ui(page).panel.waitFor({ state: 'visible' });
    await expect(ui(page).title.textContent()).resolves.toBe('Spokes Bot');
    await expect(styles(page, { '.hd': 'background-color', '.hd h2': 'color' })).resolves.toEqual({
      '.hd background-color': rgb('#fde047'),
      '.hd h2 color': 'rgb(0, 0, 0)', // black on the light yellow
    });
  });

  it('a site not in allowed_origins gets no widget and a console line saying why; a visitor whose site is removed is told why', async () => {
    await patch({ allowed_origins: [site.origin('localhost')] });
    // 127.0.0.1:PORT is another origin than localhost:PORT: the config is refused, nothing shows.
    const configUrl = `${server.url}/api/widget/${owner.workspaceId}/config`;
    let configCalls = 0;
    const count = (r: { url(): string }) => {
      if (r.url() === configUrl) configCalls++;
    };
    page.on('request', count);
    const refused = page.waitForResponse((r) => r.url() === configUrl);
    const warned = page.waitForEvent('console', (m) => m.type() === 'warning');
    await page.goto(site.url(owner.workspaceId, '127.0.0.1'));
    expect((await refused).status()).toBe(403); // readable: the widget knows it was refused
    expect((await warned).text()).toBe(
      `Clara widget: this site (${site.origin('127.0.0.1')}) is not in the workspace's Allowed sites (admin: Settings → Website). The chat is not shown.`,
    );
    await page.waitForTimeout(2500); // past the first retry's delay
    page.off('request', count);
    expect(configCalls).toBe(1); // a refusal is not retried
    await expect(page.locator('clara-widget').count()).resolves.toBe(0);

    // On the allowed site, the owner removes it while the visitor is chatting.
    await loadWidget(page, site.url(owner.workspaceId));
    await openWidget(page);
    await patch({ allowed_origins: ['https://elsewhere.example'] });
    await ask(page, 'Do you rent bikes?');
    await ui(page).error.waitFor();
    await expect(ui(page).error.locator('span').textContent()).resolves.toBe(
      'This site is not allowed to use this chat.',
    );
    const sessions = await server.db.query('SELECT id FROM chat_sessions WHERE workspace_id = $1', [
      owner.workspaceId,
    ]);
    expect(sessions).toHaveLength(0); // the refused message was not stored
    await patch({ allowed_origins: [] }); // empty: any site
    await ui(page).error.getByRole('button', { name: 'Retry' }).click();
    await waitForAnswers(page, 1);
    await expect(ui(page).answers.last().textContent()).resolves.toContain('city bikes from $15 a day');
    await expect(ui(page).userMessages.count()).resolves.toBe(1);
  });

  it('Try it now works with Allowed sites set: the page Clara serves itself is always allowed', async () => {
    await patch({ allowed_origins: [site.origin('localhost')] });
    // The test page is served by Clara itself (same host as the API), not listed: still answered.
    await loadWidget(page, `${server.url}/demo?workspace=${owner.workspaceId}`);
    await openWidget(page);
    const answered = page.waitForResponse((r) => r.url() === `${server.url}/api/chat`);
    await ask(page, 'Do you rent bikes?');
    expect((await answered).status()).toBe(200);
    await waitForAnswers(page, 1);
    await expect(ui(page).answers.last().textContent()).resolves.toContain('city bikes from $15 a day');
    await patch({ allowed_origins: [] });
  });
});
