/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import type { AdminClient, TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// A bike shop whose newest active row is a visitor's wording (a phrasing from the gap inbox): the
// Settings preview shows one of the owner's own questions, the Source filter finds the wording
// under "Gap inbox" as the table labels it, a success message goes at the next action, and the
// invite's expiry reads like every other date.

const wording = 'do u fix flat tyres';

describe('knowledge sources, the Settings preview and dates in Chromium (bike shop)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Spokes Bike Shop' });
    ({ server, owner } = admin);
    for (const [question, answer] of [
      ['Do you rent e-bikes?', 'Yes, from 35 euros a day.'],
      ['Do you fix flat tyres?', 'Yes, while you wait.'],
    ]) {
      const res = await owner.json('POST', '/api/admin/knowledge', { question, answer, category: 'shop' });
      expect(res.status).toBe(201);
    }
    // The visitor's wording, linked in the gap inbox: the newest active row, a phrasing.
    await server.db.query('INSERT INTO qa_gaps (workspace_id, question) VALUES ($1, $2)', [
      owner.workspaceId,
      wording,
    ]);
    const gap = (await owner.json('GET', '/api/admin/gaps')).body.items.find(
      (g: any) => g.question === wording,
    );
    const pair = (await owner.json('GET', '/api/admin/knowledge?q=flat')).body.items.find(
      (p: any) => p.question === 'Do you fix flat tyres?',
    );
    const linked = await owner.json('POST', '/api/admin/gaps/groups/link', {
      gap_ids: [gap.id],
      qa_id: pair.id,
    });
    expect(linked.status).toBe(200);
    // "Did you mean…?" at the default threshold (0.78, confidence ~0.74): answered at 0.65.
    expect((await server.ask(owner.workspaceId, 'battery bikes')).message.reply_kind).toBe('clarify');
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('previews the widget with one of the owner’s own questions, not a visitor’s wording', async () => {
    await page.locator('nav').getByRole('link', { name: 'Settings' }).click();
    const question = page.getByTestId('preview-question');
    await page.getByTestId('preview-caption').getByText('Preview, with one of your own questions').waitFor();
    await expect(question.textContent()).resolves.toBe('Do you fix flat tyres?');
  });

  it('names the answer a replayed question would get', async () => {
    await page.locator('input[name="confidence_threshold"]').fill('0.65');
    await page.getByRole('button', { name: 'Try 0.65 on recent questions' }).click();
    const changed = page.locator('.replay-examples li', { hasText: '“battery bikes”: ' });
    await changed.waitFor();
    await expect(changed.textContent()).resolves.toBe(
      '“battery bikes”: “Did you mean…?” → answered with “Do you rent e-bikes?”',
    );
    await page.reload();
  });

  it('shows the invite’s expiry in the admin’s date style', async () => {
    await page.getByLabel('Email', { exact: true }).last().fill('new.owner@example.com');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const valid = page.getByText(/^Valid until /);
    await valid.waitFor();
    const text = (await valid.textContent()) ?? '';
    // "Dec 15, 2026, 1:02 AM" as the inbox and conversations show dates, never "12/15/2026".
    expect(text).toMatch(/^Valid until [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(text).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
  });

  it('lists a visitor’s wording under the Gap inbox source it is labelled with', async () => {
    await page.locator('nav').getByRole('link', { name: 'Knowledge' }).click();
    const row = page.getByRole('row', { name: new RegExp(wording) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Gap inbox');
    await page.getByLabel('Source').selectOption('manual');
    await page.getByRole('row', { name: /Do you rent e-bikes\?/ }).waitFor();
    expect(await row.count()).toBe(0);
    await page.getByLabel('Source').selectOption({ label: 'Gap inbox' });
    await row.waitFor();
    expect(await page.getByRole('row', { name: /Do you rent e-bikes\?/ }).count()).toBe(0);
    await page.getByLabel('Source').selectOption('');
  });

  it('clears “Saved.” at the next action', async () => {
    await page.getByRole('button', { name: 'Add pair' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Question').fill('Do you sell kids bikes?');
    await dialog.getByLabel('Answer').fill('Yes, from balance bikes to 26 inch wheels.');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByText('Saved.', { exact: true });
    await saved.waitFor();
    await page.getByLabel('Search').fill('ebike');
    // Gone at the action itself, well before it would go on its own (noticeMs, 6 s).
    await saved.waitFor({ state: 'detached', timeout: 1_500 });
    // The search ignores the hyphen: "ebike" finds "e-bikes".
    await page.getByRole('row', { name: /Do you rent e-bikes\?/ }).waitFor();
  });
});
