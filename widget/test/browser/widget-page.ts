/** Small helpers that drive the widget on a Playwright page. */
import type { Page } from 'playwright-core';

/** Locators inside the widget (Playwright's CSS engine pierces open shadow roots). */
export const w = (page: Page) => ({
  bubble: page.locator('clara-widget .bubble'),
  panel: page.locator('clara-widget .panel'),
  input: page.locator('clara-widget textarea'),
  log: page.locator('clara-widget .log'),
  userMessages: page.locator('clara-widget .m.u'),
  answers: page.locator('clara-widget .item .m.a'),
  chips: page.locator('clara-widget .chip'),
  book: page.locator('clara-widget a.book'),
  error: page.locator('clara-widget .err'),
});

/** Loads the host page and waits for the bubble. */
export async function load(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await w(page).bubble.waitFor({ state: 'visible' });
}

/** Opens the panel by clicking the bubble. */
export async function open(page: Page): Promise<void> {
  await w(page).bubble.click();
  await w(page).panel.waitFor({ state: 'visible' });
}

/** Types a question and presses Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  await w(page).input.fill(text);
  await w(page).input.press('Enter');
}

/** Waits until the answer count reaches `n` + 1 (the welcome) and all are finished. */
export async function waitForAnswers(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const root = document.querySelector('clara-widget')?.shadowRoot;
      const all = root?.querySelectorAll('.item .m.a') ?? [];
      return all.length >= count && !root?.querySelector('[aria-busy]');
    },
    n + 1,
    { timeout: 15_000 },
  );
}

/** The class name and label of the focused element inside the widget, or null. */
export function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.querySelector('clara-widget')?.shadowRoot;
    const el = root?.activeElement as HTMLElement | null | undefined;
    return el ? `${el.tagName.toLowerCase()}.${el.className}` : null;
  });
}
