/**
 * What the visitor is told, in Chromium against the fake API (or a real server, see setup.ts): a
 * message over 2,000 characters is kept whole and refused with a visible, announced note (never
 * cut short), the count shows near the limit, and a thumbs up or down is acknowledged in words
 * through a live region.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';
import { ask, load, open, w, waitForAnswers } from './widget-page';

const h = useHarness();
const limit = (page: typeof h.page) => page.locator('clara-widget #clara-limit');
const live = (page: typeof h.page) => page.locator('clara-widget .w > [role="status"]');

describe('widget limits and acknowledgements (Chromium)', () => {
  it('shows the count near 2,000 characters and refuses a longer message without cutting it', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    const ui = w(page);
    await ui.input.fill('a'.repeat(1500));
    expect(await limit(page).isVisible()).toBe(false);
    await ui.input.fill('a'.repeat(1900));
    expect(await limit(page).textContent()).toBe('1900 / 2000 characters');
    expect(await limit(page).isVisible()).toBe(true);

    const long = `${'b'.repeat(2100)}`;
    await ui.input.fill(long);
    expect(await ui.input.inputValue()).toBe(long);
    await ui.input.press('Enter');
    const refusal = '2100 / 2000 characters: too long to send. Please shorten your message.';
    expect(await limit(page).textContent()).toBe(refusal);
    expect(await limit(page).isVisible()).toBe(true);
    expect(await ui.input.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => live(page).textContent()).toBe(refusal);
    expect(await ui.input.inputValue()).toBe(long);
    expect(await ui.userMessages.count()).toBe(0);
    if (target.fake) expect(target.fake.chatBodies).toEqual([]);

    await ui.input.fill('c'.repeat(2000));
    await ui.input.press('Enter');
    await waitForAnswers(page, 1);
    expect(await ui.userMessages.count()).toBe(1);
    expect(await ui.input.inputValue()).toBe('');
    expect(await limit(page).isVisible()).toBe(false);
    expect(await ui.input.getAttribute('aria-invalid')).toBe(null);
    if (target.fake) expect(target.fake.chatBodies.at(-1)?.message).toBe('c'.repeat(2000));
  });

  it('acknowledges a thumbs down and a thumbs up in words, in a live region', async () => {
    const { page, target } = h;
    await load(page, target.pageUrl);
    await open(page);
    await ask(page, target.prompts.chips);
    await waitForAnswers(page, 1);
    const answer = page.locator('clara-widget .item').last();
    const ack = answer.locator('.ack');
    expect(await ack.textContent()).toBe('');
    await answer.getByRole('button', { name: 'Not helpful' }).click();
    await expect.poll(() => ack.textContent()).toBe('Thanks, the owner will see this.');
    expect(await ack.getAttribute('aria-live')).toBe('polite');
    await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
    await expect.poll(() => ack.textContent()).toBe('Thanks for your feedback.');
  });
});
