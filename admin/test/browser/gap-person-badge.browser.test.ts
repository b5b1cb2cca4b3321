/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * A bike shop with no booking link (a new workspace's default): in Chromium against the real
 * server, a visitor's request for a person is labelled "Asked for a person" in the Gap inbox (not
 * "Low confidence"), and the conversation is listed under Conversations → Asked for a person.
 */
import { randomUUID } from 'node:crypto';
import type { AdminClient, TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

const bikePairs = [
  { question: 'What are your opening hours?', answer: 'Tuesday to Saturday, 9 to 6.', category: 'visit' },
  { question: 'How much is a bike service?', answer: 'A standard service is £65.', category: 'repairs' },
];

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;
let page: Page;

async function ask(message: string) {
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
}

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Spokes Bike Shop' });
  ({ server, owner } = admin);
  await server.addPairs(owner.workspaceId, bikePairs);
  page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('a request for a person without a booking link (Chromium)', () => {
  it('is labelled in the Gap inbox and found under Conversations → Asked for a person', async () => {
    expect(await ask('Can I talk to a person?')).toMatchObject({
      gap_detected: true,
      asked_for_person: true,
    });
    expect((await ask('Do you sell titanium tandem frames?')).gap_detected).toBe(true);

    await page.goto(`${server.url}/admin/gaps`);
    // Each a card of one wording (its question said once, in the title).
    const card = (title: string) =>
      page.locator('article.gap-group', { has: page.getByRole('heading', { name: title, exact: true }) });
    const person = card('Can I talk to a person?');
    await person.waitFor();
    expect(await person.locator('.badge').allTextContents()).toContain('Asked for a person');
    expect(await person.textContent()).not.toContain('Low confidence');
    const other = card('Do you sell titanium tandem frames?');
    expect(await other.locator('.badge').allTextContents()).toContain('Low confidence');

    await page.goto(`${server.url}/admin/conversations`);
    await page.getByLabel('Asked for a person').selectOption('true');
    await page.getByText('Can I talk to a person?').first().waitFor();
    expect(await page.getByText('Do you sell titanium tandem frames?').count()).toBe(0);
  }, 120_000);
});
