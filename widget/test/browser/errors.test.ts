/** The widget's error states and retries in real Chromium (responses forced with page.route). */
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';
import { ask, focused, load, open, w, waitForAnswers } from './widget-page';

const h = useHarness();

describe('widget errors in Chromium', () => {
  it('shows a readable network error and retries with the same message_id', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    const ids: string[] = [];
    let attempts = 0;
    await page.route('**/api/chat', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      ids.push(JSON.parse(route.request().postData() ?? '{}').message_id);
      if (attempts++ === 0) return route.abort('connectionrefused');
      return route.continue();
    });
    await ask(page, target.prompts.chips);
    await w(page).error.waitFor();
    await expect(w(page).error.textContent()).resolves.toMatch(/Can't reach .* connection/);
    await w(page).error.getByRole('button', { name: 'Retry' }).click();
    await waitForAnswers(page, 1);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    await expect(w(page).userMessages.count()).resolves.toBe(1);
    await expect(w(page).error.count()).resolves.toBe(0);
  });

  it('keeps the focus in the message box after Retry (click or keyboard), so Escape still closes', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    let attempts = 0;
    await page.route('**/api/chat', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (attempts++ < 2) return route.abort('connectionrefused');
      return route.continue();
    });
    await ask(page, target.prompts.chips);
    const retry = w(page).error.getByRole('button', { name: 'Retry' });
    // By keyboard: the focused Retry goes with its row; the focus lands in the message box.
    await retry.focus();
    expect(await focused(page)).toMatch(/^button/);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^textarea/);
    // It failed again: a click on the new Retry does the same.
    await w(page).error.waitFor();
    await retry.click();
    expect(await focused(page)).toMatch(/^textarea/);
    await waitForAnswers(page, 1);
    expect(await focused(page)).toMatch(/^textarea/);
    await page.keyboard.press('Escape');
    await w(page).panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatch(/^button\.bubble/);
  });

  it('explains 429 and 503 and waits out Retry-After', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    const statuses = [429, 503];
    await page.route('**/api/chat', async (route) => {
      const status = statuses.shift();
      if (route.request().method() !== 'POST' || !status) return route.continue();
      return route.fulfill({
        status,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Expose-Headers': 'Retry-After',
          'Retry-After': '1',
        },
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: status === 429 ? 'rate_limited' : 'unavailable', message: 'x' },
        }),
      });
    });
    await ask(page, target.prompts.chips);
    const retry = w(page).error.getByRole('button', { name: 'Retry' });
    await expect(w(page).error.textContent()).resolves.toMatch(/a little fast.*in 1 seconds/);
    await expect(retry.isDisabled()).resolves.toBe(true);
    await retry.click({ timeout: 3000 });
    await expect(w(page).error.textContent()).resolves.toMatch(/temporarily unavailable/);
    await retry.click({ timeout: 3000 });
    await waitForAnswers(page, 1);
    await expect(w(page).userMessages.count()).resolves.toBe(1);
  });
});
