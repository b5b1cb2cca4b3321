/* biome-ignore-all lint/suspicious/noExplicitAny: page state is read in the browser */
/**
 * The Settings page in Chromium against the real server: the booking link switched on with no
 * URL is explained next to the toggle (and a visitor asking for a person gets the honest reply),
 * a refused save says what is wrong next to each field in words, suggested messages keep what is
 * typed in their own slots, and the avatar and chat icon are uploaded, previewed and removed.
 */
import { join } from 'node:path';
import { noBookingAnswer } from '@clara/core';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { axeViolations } from '@clara/testkit/axe';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let artifacts: string;
let server: TestServer;
let owner: AdminClient;

// A real 1 × 1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const settings = async () => (await owner.json('GET', '/api/admin/settings')).body.settings;
const pageText = (page: Page) => page.evaluate(() => (globalThis as any).document.body.textContent as string);

async function openSettings(): Promise<Page> {
  const page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${server.url}/admin/settings`);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByLabel('Bot name').waitFor();
  return page;
}

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Happy Paws Grooming' });
  ({ server, owner, artifacts } = admin);
  await server.addPairs(owner.workspaceId, groomerPairs);
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('Settings (Chromium)', () => {
  it('explains next to the toggle that without a booking URL no call can be offered; a visitor gets the honest reply', async () => {
    const page = await openSettings();
    try {
      // The seed's defaults: escalation on, no booking URL.
      const toggle = page.getByLabel('Offer a booking link when a visitor wants a person');
      expect(await toggle.isChecked()).toBe(true);
      const note = page.locator('#escalation-no-link');
      expect(await note.textContent()).toContain(
        'Without a booking URL, visitors who ask for a person cannot be offered a call.',
      );
      expect(await toggle.getAttribute('aria-describedby')).toBe('escalation-no-link');
      expect(await axeViolations(page)).toEqual([]);
      await page
        .getByRole('group', { name: 'Escalation' })
        .screenshot({ path: join(artifacts, 'settings-escalation-no-url.png') });

      // Saving is still allowed (a new workspace has no URL), and the chat is honest about it.
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      const reply = (await server.ask(owner.workspaceId, 'Can I talk to a person?')).message;
      expect(reply).toMatchObject({ content: noBookingAnswer, suggestion_chips: [], gap_detected: true });

      // With a URL the note goes; switched off, there is nothing to explain either.
      await page.getByLabel('Booking URL').fill('https://cal.example.com/happy-paws');
      expect(await note.count()).toBe(0);
      await page.getByLabel('Booking URL').fill('');
      expect(await note.count()).toBe(1);
      await toggle.uncheck();
      expect(await note.count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('says the personality prompt only words answers with an API key', async () => {
    const page = await openSettings();
    try {
      const prompt = page.getByRole('textbox', { name: /Personality prompt/ });
      const hint = page.locator(`#${await prompt.getAttribute('aria-describedby')}`);
      expect(await hint.textContent()).toMatch(
        /with your own OpenAI or Anthropic key.*Without a key, Clara answers with your answers exactly as written/,
      );
      expect(await hint.isVisible()).toBe(true);
    } finally {
      await page.context().close();
    }
  });

  it('shows what is wrong next to each field, in words, and focuses the first one', async () => {
    const page = await openSettings();
    try {
      const before = await settings();
      await page.getByLabel('Bot name').fill('');
      await page.locator('input[name="primary_color"]').fill('blue-is');
      await page
        .getByLabel(/Allowed sites/)
        .fill('https://shop.example\nshop.example/path\nftp://files.example');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Not saved. Check the marked fields:').waitFor();

      const botName = page.getByLabel('Bot name');
      expect(await botName.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#problem-display_name').textContent()).toBe('Give Clara a name.');
      expect(await page.locator('#problem-primary_color').textContent()).toBe('Use a colour like #6366f1.');
      // Every bad line is named and quoted, not only the first.
      expect(await page.locator('#problem-allowed_origins').textContent()).toMatch(
        /^Lines 2 \(“shop\.example\/path”\) and 3 \(“ftp:\/\/files\.example”\): Use an origin like https:\/\/shop\.example/,
      );
      // Each problem is the field's description, right under it, and the first field has the focus.
      expect(await botName.evaluate((el: any) => el.getAttribute('aria-describedby'))).toBe(
        'problem-display_name',
      );
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.name)).toBe(
        'display_name',
      );
      const text = await pageText(page);
      expect(text).toContain('Not saved. Check the marked fields: Bot name, Primary colour, Allowed sites.');
      expect(text).not.toMatch(/display_name|primary_color|allowed_origins/);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(artifacts, 'settings-invalid.png'), fullPage: true });
      expect(await settings()).toEqual(before);

      // Fixing a field clears its problem.
      await botName.fill('Ava');
      expect(await page.locator('#problem-display_name').count()).toBe(0);
      expect(await botName.getAttribute('aria-invalid')).toBeNull();

      // What only the server checks (the workspace name) comes back per field too (error.details).
      await page.locator('input[name="primary_color"]').fill('#0f766e');
      await page.getByLabel(/Allowed sites/).fill('');
      await page.getByLabel(/Workspace name/).fill('   ');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.locator('#problem-name').waitFor();
      expect(await page.locator('#problem-name').textContent()).toBe('Give the workspace a name.');
      expect(await pageText(page)).toContain('Not saved. Check the marked fields: Workspace name.');

      await page.getByLabel(/Workspace name/).fill('Happy Paws Grooming');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      expect(await settings()).toMatchObject({ display_name: 'Ava', primary_color: '#0f766e' });
    } finally {
      await page.context().close();
    }
  });

  it('keeps suggested messages as typed, each in its own labelled slot; saves them trimmed, empties dropped', async () => {
    const page = await openSettings();
    try {
      const slot = (n: number) => page.getByLabel(`Suggested message ${n}`, { exact: true });
      await page.getByRole('group', { name: 'Suggested messages (up to 5)' }).waitFor();
      for (let n = 1; n <= 5; n++) await slot(n).fill('');

      // Key by key, spaces included (each keystroke used to be trimmed away).
      await slot(1).pressSequentially('Do you deliver to my street?');
      expect(await slot(1).inputValue()).toBe('Do you deliver to my street?');
      await slot(2).pressSequentially('Is there wifi?');
      // Clearing slot 1 leaves slot 2 where it is, and what is typed next stays in slot 1.
      await slot(1).fill('');
      expect(await slot(2).inputValue()).toBe('Is there wifi?');
      await slot(1).pressSequentially(' Do you have parking? ');
      await slot(4).pressSequentially('Open on Sundays?');
      expect(await Promise.all([1, 2, 3, 4, 5].map((n) => slot(n).inputValue()))).toEqual([
        ' Do you have parking? ',
        'Is there wifi?',
        '',
        'Open on Sundays?',
        '',
      ]);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      const saved = ['Do you have parking?', 'Is there wifi?', 'Open on Sundays?'];
      expect((await settings()).suggested_messages).toEqual(saved);

      await page.reload();
      await slot(1).waitFor();
      expect(await Promise.all([1, 2, 3, 4, 5].map((n) => slot(n).inputValue()))).toEqual([...saved, '', '']);
    } finally {
      await page.context().close();
    }
  });

  it('uploads, previews and removes the avatar and the chat icon (types and size the server accepts)', async () => {
    const page = await openSettings();
    try {
      const avatar = page.getByLabel('Avatar', { exact: true });
      expect(await avatar.getAttribute('accept')).toBe('image/png,image/jpeg,image/gif,image/webp');

      // Refused before upload: another type, and over 1 MB.
      await avatar.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
      await page.getByText('Choose a PNG, JPEG, GIF or WebP image.').waitFor();
      const big = Buffer.concat([png, Buffer.alloc(1024 * 1024)]);
      await avatar.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: big });
      await page.getByText('The image is over 1 MB.').waitFor();
      expect(await avatar.getAttribute('aria-invalid')).toBe('true');
      expect((await settings()).avatar_url).toBeNull();

      await avatar.setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: png });
      const current = page.getByRole('img', { name: 'Current avatar' });
      await current.waitFor();
      const url = (await settings()).avatar_url as string;
      expect(url).toMatch(new RegExp(`/assets/${owner.workspaceId}/avatar\\.png\\?v=`));
      expect(await current.getAttribute('src')).toBe(url);
      expect(await page.locator('.preview-header img').getAttribute('src')).toBe(url);
      expect(await current.evaluate((img: any) => img.naturalWidth)).toBe(1);

      await page
        .getByLabel('Chat icon')
        .setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: png });
      await page.getByRole('img', { name: 'Current chat icon' }).waitFor();
      expect((await settings()).chat_icon_url).toMatch(/\/icon\.png\?v=/);
      expect(await axeViolations(page)).toEqual([]);
      await page
        .getByRole('group', { name: 'Style' })
        .screenshot({ path: join(artifacts, 'settings-avatar-icon.png') });

      // An unrelated save keeps them; Remove deletes the avatar (its URL stops serving it).
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      expect((await settings()).avatar_url).toBe(url);
      await page.getByRole('button', { name: 'Remove avatar' }).click();
      await current.waitFor({ state: 'detached' });
      expect((await settings()).avatar_url).toBeNull();
      expect((await fetch(url)).status).toBe(404);
      expect((await settings()).chat_icon_url).not.toBeNull();
      expect(await page.locator('.preview-header img').count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});
