/**
 * The widget in real Chromium: a host page with only the embed snippet, against the fake
 * API (or a real server: see setup.ts).
 */
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useHarness } from './harness';
import { ask, focused, load, open, w, waitForAnswers } from './widget-page';

const h = useHarness();

describe('widget in Chromium', () => {
  it('renders the settings, opens without layout shift, and looks right', async () => {
    const { page, target } = h;
    await page.addInitScript(() => {
      (window as unknown as { cls: number }).cls = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries())
          (window as unknown as { cls: number }).cls += (e as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await load(page, target.pageUrl);
    const ui = w(page);
    await expect(ui.bubble.getAttribute('aria-label')).resolves.toMatch(/^Open chat with /);
    await open(page);
    await expect(ui.panel.getAttribute('role')).resolves.toBe('dialog');
    await expect(page.locator('clara-widget .hd h2').textContent()).resolves.toBeTruthy();
    expect(await focused(page)).toMatch(/^textarea/);
    if (target.fake) {
      const s = await import('./fake-api').then((m) => m.FAKE_SETTINGS);
      await expect(page.locator('clara-widget .hd h2').textContent()).resolves.toBe(s.display_name);
      await expect(ui.input.getAttribute('placeholder')).resolves.toBe(s.placeholder_text);
      await expect(ui.chips.allTextContents()).resolves.toEqual(s.suggested_messages);
      await expect(page.locator('clara-widget .foot').textContent()).resolves.toBe('Powered by Clara');
      await expect(ui.answers.first().locator('strong').textContent()).resolves.toBe('Acme');
      const colors = await page.evaluate(() => {
        const r = document.querySelector('clara-widget')?.shadowRoot;
        const cs = (sel: string) => getComputedStyle(r?.querySelector(sel) as Element);
        return {
          bubble: cs('.bubble').backgroundColor,
          header: cs('.hd').backgroundColor,
          title: cs('.hd h2').color,
          spacing: cs('.log').letterSpacing,
        };
      });
      // The host page's `* { letter-spacing: 2px }` is not inherited into the widget.
      expect(colors).toEqual({
        bubble: 'rgb(17, 24, 39)',
        header: 'rgb(79, 70, 229)',
        title: 'rgb(255, 255, 255)',
        spacing: 'normal',
      });
      // Host CSS (`button { display: none !important }`) must not reach into the shadow root.
      await expect(ui.bubble.isVisible()).resolves.toBe(true);
    }
    await ask(page, target.prompts.chips);
    await waitForAnswers(page, 1);
    await page.screenshot({ path: new URL('widget-open.png', ARTIFACTS).pathname });
    expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBe(0);
  });

  it('streams the answer as it arrives, then shows chips that ask when clicked', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    const ui = w(page);
    const response = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await ask(page, target.prompts.chips);
    await expect(ui.userMessages.last().textContent()).resolves.toContain(target.prompts.chips);
    expect((await response).headers()['content-type']).toMatch(/^text\/event-stream/);
    // Mid-stream (the fake paces its deltas; a fast real engine may not): text shows while busy.
    if (target.fake)
      await page.waitForFunction(() => {
        const busy = document.querySelector('clara-widget')?.shadowRoot?.querySelector('.m.a[aria-busy]');
        return (busy?.querySelector('p')?.textContent ?? '').length > 0;
      });
    await waitForAnswers(page, 1);
    const answer = (await ui.answers.last().textContent()) ?? '';
    expect(answer.length).toBeGreaterThan(10);
    const chips = await ui.chips.allTextContents();
    expect(chips.length).toBeGreaterThan(0);
    await ui.chips.first().click();
    await waitForAnswers(page, 2);
    await expect(ui.userMessages.last().textContent()).resolves.toContain(chips[0]);
    // The live region announced the answer.
    await expect.poll(() => page.locator('clara-widget [role=status]').textContent()).toMatch(/\S/);
  });

  it('drops the text shown so far when the stream says reset', async ({ skip }) => {
    const { page, target } = h;
    if (!target.fake) skip();
    await load(page, target.pageUrl);
    await open(page);
    await ask(page, 'flaky model question');
    // While still streaming, the replacement text shows and the failed attempt is gone.
    await page.waitForFunction(() => {
      const busy = document.querySelector('clara-widget')?.shadowRoot?.querySelector('.m.a[aria-busy]');
      return (busy?.querySelector('p')?.textContent ?? '').includes('We are open');
    });
    const streaming = await page.evaluate(
      () =>
        document.querySelector('clara-widget')?.shadowRoot?.querySelector('.m.a[aria-busy] p')?.textContent ??
        '',
    );
    expect(streaming).not.toContain('Half a model answer');
    await waitForAnswers(page, 1);
  });

  it('asks a suggested message when it is clicked', async ({ skip }) => {
    const { page, target } = h;
    if (!target.fake) skip();
    await load(page, target.pageUrl);
    await open(page);
    const first = w(page).chips.first();
    const text = await first.textContent();
    await first.click();
    await waitForAnswers(page, 1);
    await expect(w(page).userMessages.first().textContent()).resolves.toContain(text);
    await expect(
      w(page)
        .chips.filter({ hasText: text ?? '' })
        .count(),
    ).resolves.toBe(0);
  });

  it('offers the booking button when the answer escalates', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    await ask(page, target.prompts.escalate);
    await waitForAnswers(page, 1);
    const book = w(page).book;
    await expect(book.textContent()).resolves.toBe('Book a call');
    await expect(book.getAttribute('target')).resolves.toBe('_blank');
    await expect(book.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    if (target.fake) await expect(book.getAttribute('href')).resolves.toBe('https://cal.example.com/acme');
    const [popup] = await Promise.all([h.context.waitForEvent('page'), book.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(await book.getAttribute('href'));
    await expect(popup.textContent('body')).resolves.toBe('stub booking page');
    await popup.close();
  });

  it('restores the conversation after a reload', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    await ask(page, target.prompts.chips);
    await waitForAnswers(page, 1);
    const before = await w(page).answers.last().textContent();
    await page.reload();
    await w(page).panel.waitFor({ state: 'visible' }); // it stays open across the reload
    await waitForAnswers(page, 1);
    await expect(w(page).userMessages.allTextContents()).resolves.toEqual([`You: ${target.prompts.chips}`]);
    await expect(w(page).answers.last().textContent()).resolves.toBe(before);
  });

  it('shows HTML in messages as text and runs none of it', async () => {
    const { page, target } = h;
    const payload = '<img src=x onerror=alert(1)>';
    await load(page, target.pageUrl);
    await open(page);
    await ask(page, payload);
    await waitForAnswers(page, 1);
    await expect(w(page).userMessages.last().textContent()).resolves.toBe(`You: ${payload}`);
    if (target.fake) {
      await ask(page, 'show me markdown');
      await waitForAnswers(page, 2);
      const last = w(page).answers.last();
      await expect(last.locator('strong').textContent()).resolves.toBe('bold');
      await expect(last.locator('li').count()).resolves.toBe(2);
      await expect(
        last.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ).resolves.toEqual(['https://example.com/docs']);
      await expect(last.textContent()).resolves.toContain('<img src=x onerror=alert(2)>');
    }
    await expect(page.locator('clara-widget img').count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(h.dialogs).toEqual([]);
  });

  it('works with the keyboard alone: Tab, Enter, Escape', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    let onBubble = false;
    for (let i = 0; i < 10 && !onBubble; i++) {
      await page.keyboard.press('Tab');
      onBubble = (await focused(page))?.startsWith('button.bubble') ?? false;
    }
    expect(onBubble).toBe(true);
    await page.keyboard.press('Enter');
    await w(page).panel.waitFor({ state: 'visible' });
    expect(await focused(page)).toMatch(/^textarea/);
    await page.keyboard.type(target.prompts.chips);
    await page.keyboard.press('Enter');
    await waitForAnswers(page, 1);
    expect(await focused(page)).toMatch(/^textarea/);
    // Tab reaches the answer's controls; the focus ring is visible.
    let onChip = false;
    for (let i = 0; i < 12 && !onChip; i++) {
      await page.keyboard.press('Tab');
      onChip = (await focused(page))?.startsWith('button.chip') ?? false;
    }
    expect(onChip).toBe(true);
    const outline = await page.evaluate(() => {
      const el = document.querySelector('clara-widget')?.shadowRoot?.activeElement as Element;
      return getComputedStyle(el).outlineStyle;
    });
    expect(outline).toBe('solid');
    await page.keyboard.press('Escape');
    await w(page).panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatch(/^button\.bubble/);
    await expect(w(page).bubble.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('records thumbs up/down on an answer', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    await ask(page, target.prompts.chips);
    await waitForAnswers(page, 1);
    const down = page.locator('clara-widget .item').last().getByRole('button', { name: 'Not helpful' });
    await down.click();
    await expect(down.getAttribute('aria-pressed')).resolves.toBe('true');
    if (target.fake) {
      await expect.poll(() => target.fake?.feedback.at(-1)?.rating).toBe('down');
      expect(Object.keys(target.fake.feedback.at(-1) ?? {}).sort()).toEqual([
        'message_id',
        'rating',
        'session_token',
        'workspace_id',
      ]);
    }
  });

  it('exposes Clara.open, Clara.close and Clara.identify', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await page.evaluate(() => {
      const c = (window as unknown as { Clara: { identify(v: object): void; open(): void } }).Clara;
      c.identify({ name: 'Ada', email: 'ada@example.com' });
      c.open();
    });
    await w(page).panel.waitFor({ state: 'visible' });
    await ask(page, target.prompts.chips);
    await waitForAnswers(page, 1);
    if (target.fake)
      expect(target.fake.chatBodies.at(-1)?.visitor).toEqual({ name: 'Ada', email: 'ada@example.com' });
    await page.evaluate(() => (window as unknown as { Clara: { close(): void } }).Clara.close());
    await w(page).panel.waitFor({ state: 'hidden' });
  });

  it('goes full-screen on a phone', async () => {
    const { target } = h;
    const phone = await h.newContext({
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    try {
      await load(p, target.pageUrl);
      await open(p);
      const box = await w(p).panel.boundingBox();
      expect(box && [box.x, box.y, box.width, box.height].map(Math.round)).toEqual([0, 0, 375, 667]);
      await expect(w(p).bubble.isVisible()).resolves.toBe(false);
      await p.screenshot({ path: new URL('widget-mobile.png', ARTIFACTS).pathname });
      await p.keyboard.press('Escape');
      await w(p).bubble.waitFor({ state: 'visible' });
    } finally {
      await phone.close();
    }
  });
});
