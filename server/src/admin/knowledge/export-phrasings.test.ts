/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you deliver?', answer: 'Yes, Monday to Saturday, £4 per order.', category: 'delivery' },
    {
      question: 'What are your opening hours?',
      answer: 'Nine to five, Monday to Friday.',
      category: 'general',
    },
  ]);
});
afterAll(() => server.close());

describe('knowledge export', () => {
  it("holds the owner's pairs, not the visitors' wordings kept as phrasings", async () => {
    const wording = 'can someone drop a parcel at my flat in the evening';
    await server.ask(owner.workspaceId, wording);
    const gap = ((await owner.json('GET', '/api/admin/gaps')).body.items as any[]).find(
      (g) => g.question === wording,
    );
    expect(gap).toBeDefined();
    const pairs = (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
    const deliver = pairs.find((p) => p.question === 'Do you deliver?');
    const linked = await owner.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: deliver.id });
    expect(linked.status).toBe(200);
    const listed = (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
    expect(listed.some((p) => p.question === wording && p.phrasing_of?.id === deliver.id)).toBe(true);

    const res = await owner.request('GET', '/api/admin/knowledge/export.csv');
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('Do you deliver?');
    expect(csv).toContain('What are your opening hours?');
    expect(csv).not.toContain(wording);
  });
});
