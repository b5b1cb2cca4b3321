/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AdminClient, TestServer } from '@clara/server/testing';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

describe('gap inbox suggestions and conversation labels in Chromium (bakery)', () => {
  let admin: AdminHarness;
  let server: TestServer;
  let page: Page;
  let owner: AdminClient;
  let artifacts: string;

  const ask = async (message: string, session = randomUUID()) => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token: session,
        message_id: randomUUID(),
        message,
      }),
    });
    return ((await res.json()) as any).message;
  };

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Mill Lane Bakery' });
    ({ server, owner, artifacts } = admin);
    await server.addPairs(owner.workspaceId, bakeryPairs);
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('offers a one-click answer only for what the visitor was offered, and tags "Did you mean…?"', async () => {
    expect((await ask('what is your refund policy?')).reply_kind).toBe('gap');
    const session = randomUUID();
    const clarify = await ask('anything without dairy?', session);
    expect(clarify.reply_kind).toBe('clarify');

    await page.locator('nav').getByRole('link', { name: 'Gap inbox' }).click();
    const refund = page.locator('article', {
      has: page.getByRole('heading', { name: 'what is your refund policy?' }),
    });
    await refund.getByRole('button', { name: 'Answer this' }).waitFor();
    expect(await refund.getByRole('button', { name: /Use the answer of/ }).count()).toBe(0);
    const dairy = page.locator('article', {
      has: page.getByRole('heading', { name: 'anything without dairy?' }),
    });
    await dairy
      .getByRole('button', { name: 'Use the answer of “Do you have dairy-free or vegan options?”' })
      .waitFor();
    await page.screenshot({ path: join(artifacts, 'gaps-offered-pairs.png'), fullPage: true });

    await page.locator('nav').getByRole('link', { name: 'Conversations' }).click();
    await page
      .getByRole('button', { name: /anything without dairy\?/ })
      .first()
      .click();
    await page.locator('.badge.clarify', { hasText: 'did you mean' }).waitFor();
    await page
      .locator('.offered-chip', { hasText: 'Do you have dairy-free or vegan options?' })
      .first()
      .waitFor();
    await page.screenshot({ path: join(artifacts, 'conversation-did-you-mean.png'), fullPage: true });
  }, 90_000);
});
