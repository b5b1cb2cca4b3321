/**
 * Settings → Escalation: the preview of the reply when Clara has no answer shows it as the widget
 * does (markdown: bold, links, lists, line breaks; everything else escaped) and shows that
 * suggestion buttons follow it, in Chromium against the real server.
 */
import type { TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let page: Page;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Pawfect Grooming' });
  ({ server } = admin);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('the gap reply preview (Settings, Chromium)', () => {
  it('renders the markdown as the widget does and shows example suggestions after it', async () => {
    await page.goto(`${server.url}/admin/settings`);
    const field = page.getByLabel('Reply when Clara has no answer');
    await field.waitFor();
    await field.fill(
      "Sorry, I don't know that yet.\n**Call us** on 555-0100 or see [our prices](https://example.com/prices).\n- Monday to Friday\n- Saturday mornings\n<b>not bold</b>",
    );
    const preview = page.getByTestId('preview-gap-reply');
    expect(await preview.locator('strong').textContent()).toBe('Call us');
    expect(await preview.locator('li').allTextContents()).toEqual(['Monday to Friday', 'Saturday mornings']);
    expect(await preview.locator('a').getAttribute('href')).toBe('https://example.com/prices');
    expect(await preview.locator('a').textContent()).toBe('our prices');
    // Raw HTML stays text; no markdown markers are left.
    expect(await preview.locator('b').count()).toBe(0);
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('<b>not bold</b>');
    expect(text).not.toContain('**');
    expect(text).not.toContain('](');
    // The suggestions that follow the reply, labelled as examples.
    const chips = page.getByTestId('preview-gap-chips');
    expect(await chips.textContent()).toContain('for example');
    expect(await chips.getByText('A similar question').isVisible()).toBe(true);
  }, 120_000);
});
