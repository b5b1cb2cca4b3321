/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import type { AdminClient, TestServer } from '@clara/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, startAdmin } from './admin-harness';

let admin: AdminHarness;
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  admin = await startAdmin({ workspaceName: 'Page & Bean' });
  ({ server, owner } = admin);
  const csv = [
    'question,answer,category,phrasing_of',
    'Do you have wifi?,"Yes, the password is on the menu.",general,',
    'Do you sell second-hand books?,"Yes, on the back shelves.",books,',
    'do you have free internet,-,,Do you have wifi?',
  ].join('\n');
  const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
    'content-type': 'text/csv',
  });
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.result).toMatchObject({ imported: 3, errors: [] });
}, 180_000);

afterAll(async () => {
  await admin?.close();
});

describe('the knowledge base is counted the same on every page', () => {
  it("says 2 Q&A pairs and 1 visitor's wording on the Overview and the Knowledge page", async () => {
    const page = await admin.signIn({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${server.url}/admin/`);
      const tile = page.locator('.card.stat', { hasText: 'Q&A pairs' });
      await tile.getByText("1 visitor's wording · 0 inactive").waitFor();
      expect(await tile.textContent()).toContain('2');
      expect(await tile.textContent()).not.toContain('3');

      await page.goto(`${server.url}/admin/knowledge`);
      await page.getByText("2 Q&A pairs · 1 visitor's wording · page 1 of 1").waitFor();
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
