/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The knowledge list: a visitor's wording (a phrasing from the gap inbox) is listed under the
// "Gap inbox" source it is shown with, not under "Manual"; the owner's own pairs can be asked for
// alone; and a search ignores hyphens ("ebike" finds "e-bike").

let server: TestServer;
let owner: AdminClient;
const wording = 'do u fix flat tyres';

const list = async (query: string) => {
  const res = await owner.json('GET', `/api/admin/knowledge?${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as any[]).map((p) => p.question).sort();
};

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  for (const [question, answer] of [
    ['Do you fix flat tyres?', 'Yes, while you wait.'],
    ['Do you rent e-bikes?', 'Yes, from 35 euros a day.'],
    ['Can I test ride an ebike?', 'Yes, around the block with ID.'],
  ]) {
    expect(
      (await owner.json('POST', '/api/admin/knowledge', { question, answer, category: 'shop' })).status,
    ).toBe(201);
  }
  // A visitor's wording, linked in the gap inbox: a phrasing of the flat-tyre pair.
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
}, 60_000);
afterAll(() => server.close());

describe('knowledge list sources and search', () => {
  it('lists a visitor’s wording under Gap inbox, not under the source its row was saved with', async () => {
    expect(await list('source=gap_inbox')).toEqual([wording]);
    expect(await list('source=manual')).toEqual([
      'Can I test ride an ebike?',
      'Do you fix flat tyres?',
      'Do you rent e-bikes?',
    ]);
    expect(await list('phrasings=exclude&active=true&page_size=1')).not.toContain(wording);
    expect(await list('phrasings=exclude')).toHaveLength(3);
    expect((await owner.json('GET', '/api/admin/knowledge?source=gap')).status).toBe(400);
  });

  it('finds "e-bike" and "ebike" either way', async () => {
    const both = ['Can I test ride an ebike?', 'Do you rent e-bikes?'];
    expect(await list('q=ebike')).toEqual(both);
    expect(await list('q=e-bike')).toEqual(both);
    expect(await list('q=E-BIKES')).toEqual(['Do you rent e-bikes?']);
  });
});
