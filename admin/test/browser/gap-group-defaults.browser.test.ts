/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

describe('gap group defaults in Chromium (a bookshop-café)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;

  const ask = async (message: string) => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message,
      }),
    });
    return ((await res.json()) as any).message;
  };
  const card = (title: string) =>
    page.locator('article', { has: page.getByRole('heading', { name: title, exact: true }) });

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Chapter & Verse' });
    ({ server, owner } = admin);
    await server.addPairs(owner.workspaceId, bakeryPairs);
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('pre-ticks only near-duplicate wordings, so "Answer once" defaults to the safe set', async () => {
    for (const q of [
      'can you get a book in for me',
      'what do you do with old books',
      'Can you order a book in for me',
    ]) {
      expect((await ask(q)).gap_detected).toBe(true);
    }
    await page.locator('nav').getByRole('link', { name: 'Gap inbox' }).click();
    const group = card('can you get a book in for me');
    await group.getByRole('button', { name: 'Answer once (2)' }).waitFor();
    expect(await group.getByRole('checkbox', { name: /what do you do with old books/ }).isChecked()).toBe(
      false,
    );
    expect(await group.getByRole('checkbox', { name: /Can you order a book in for me/ }).isChecked()).toBe(
      true,
    );
  }, 90_000);

  it('marks a gap Clara now answers and resolves it in one click', async () => {
    expect((await ask('do you have wifi')).gap_detected).toBe(true);
    await server.addPairs(owner.workspaceId, [
      { question: 'Do you have wifi?', answer: 'Yes, free wifi: ask at the counter.', category: 'general' },
    ]);
    await page.reload();
    const wifi = card('do you have wifi');
    await wifi.getByText('Clara answers this now').waitFor();
    await wifi.getByRole('button', { name: 'Resolve with “Do you have wifi?”' }).click();
    await page.getByText(/Resolved: linked to “Do you have wifi\?”/).waitFor();
    await wifi.waitFor({ state: 'detached' });
  }, 90_000);
});
