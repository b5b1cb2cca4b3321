/**
 * Drives the embedded widget on a Playwright page. Page-side code is passed as strings: the
 * server's tsconfig has no DOM types (the widget's own helpers in widget/test/browser need them).
 */
import type { Page } from 'playwright-core';

/** Locators inside the widget (Playwright's CSS engine pierces the open shadow root). */
export const ui = (page: Page) => ({
  bubble: page.locator('clara-widget .bubble'),
  panel: page.locator('clara-widget .panel'),
  title: page.locator('clara-widget .hd h2'),
  input: page.locator('clara-widget textarea'),
  userMessages: page.locator('clara-widget .m.u'),
  answers: page.locator('clara-widget .item .m.a'),
  chips: page.locator('clara-widget .chip'),
  book: page.locator('clara-widget a.book'),
  error: page.locator('clara-widget .err'),
  footer: page.locator('clara-widget .foot'),
});

/** Loads a host page and waits for the bubble. */
export async function loadWidget(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await ui(page).bubble.waitFor({ state: 'visible' });
}

/** Clicks the bubble and waits for the panel. */
export async function openWidget(page: Page): Promise<void> {
  await ui(page).bubble.click();
  await ui(page).panel.waitFor({ state: 'visible' });
}

/** Types a question and presses Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  await ui(page).input.fill(text);
  await ui(page).input.press('Enter');
}

/** Waits until `n` answers (besides the welcome) are shown and none is still streaming. */
export async function waitForAnswers(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    `(() => {
      const root = document.querySelector('clara-widget')?.shadowRoot;
      const all = root?.querySelectorAll('.item .m.a') ?? [];
      return all.length >= ${n + 1} && !root?.querySelector('[aria-busy]');
    })()`,
    undefined,
    { timeout: 20_000 },
  );
}

/** `tag.class` of the element focused inside the widget, or null. */
export function focused(page: Page): Promise<string | null> {
  return page.evaluate(`(() => {
    const el = document.querySelector('clara-widget')?.shadowRoot?.activeElement;
    return el ? el.tagName.toLowerCase() + '.' + el.className : null;
  })()`);
}

/** Computed style values of elements inside the widget: `{ selector: property }` → values. */
export function styles(page: Page, wanted: Record<string, string>): Promise<Record<string, string>> {
  return page.evaluate(
    `((wanted) => {
      const root = document.querySelector('clara-widget').shadowRoot;
      const out = {};
      for (const [sel, prop] of Object.entries(wanted)) {
        out[sel + ' ' + prop] = getComputedStyle(root.querySelector(sel)).getPropertyValue(prop);
      }
      return out;
    })(${JSON.stringify(wanted)})`,
  );
}
