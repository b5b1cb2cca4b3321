/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import type { AdminClient, TestServer } from '@clara/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

// A physiotherapy clinic: three different "do you treat …" questions, each asked once, group
// together; the group's badge must not say the title question was asked three times.
const physioPairs = [
  { question: 'What are your opening hours?', answer: 'Monday to Friday, 8am to 7pm.', category: 'general' },
  { question: 'How long is a first appointment?', answer: 'About 45 minutes.', category: 'appointments' },
  { question: 'Is there parking?', answer: 'Yes, free parking behind the clinic.', category: 'general' },
];

describe('gap group counts in Chromium (a physiotherapy clinic)', () => {
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

  beforeAll(async () => {
    admin = await startAdmin({ workspaceName: 'Stride Physio' });
    ({ server, owner } = admin);
    await server.addPairs(owner.workspaceId, physioPairs);
    page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('counts different wordings as questions, and "asked N times" only for one wording repeated', async () => {
    const wordings = ['do you treat long covid', 'do you treat dogs', 'do you treat kids'];
    for (const q of wordings) {
      const reply = await ask(q);
      expect(reply.gap_detected, JSON.stringify(reply)).toBe(true);
    }
    expect((await ask('do you do home visits')).gap_detected).toBe(true);
    expect((await ask('do you do home visits')).gap_detected).toBe(true);

    const groups = (await owner.json('GET', '/api/admin/gaps/groups')).body;
    const treat = (groups.items ?? groups.groups ?? groups).find((g: any) =>
      g.gaps.some((x: any) => x.question === 'do you treat kids'),
    );
    // The premise: different questions, each asked once, in one group (as the clinic owner saw it).
    const grouped: string[] = treat.gaps.map((g: any) => g.question);
    expect(grouped.length, grouped.join(' | ')).toBeGreaterThanOrEqual(2);
    expect(treat.gaps.every((g: any) => g.asks === 1)).toBe(true);
    expect(treat.asks).toBe(grouped.length);

    await page.locator('nav').getByRole('link', { name: 'Gap inbox' }).click();
    const card = page.locator('article', {
      has: page.getByRole('heading', { name: treat.question, exact: true }),
    });
    await card.getByText(`${grouped.length} questions`, { exact: true }).waitFor();
    expect(await card.locator('.badge.asked').textContent()).toBe(`${grouped.length} questions`);
    for (const w of grouped) {
      const line = card.getByRole('listitem').filter({ hasText: w });
      expect(await line.textContent()).toContain('asked once');
    }
    // One wording asked twice is still "asked 2 times".
    const visits = page.locator('article', {
      has: page.getByRole('heading', { name: 'do you do home visits', exact: true }),
    });
    expect(await visits.locator('.badge.asked').textContent()).toBe('asked 2 times');
  }, 120_000);
});
