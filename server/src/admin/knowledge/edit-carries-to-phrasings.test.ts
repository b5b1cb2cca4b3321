/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { embedPairs } from '@clara/core';
import { searchQaPairs } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
// Answered by no pair (a gap) until linked: 'do you have free internet' is answered since the lexicon (internet ~ wifi).
const wording = 'is there a way to connect my laptop';

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you have wifi?', answer: 'Yes, the password is on the menu.', category: 'general' },
    { question: 'Do you sell second-hand books?', answer: 'Yes, on the back shelves.', category: 'books' },
  ]);
});
afterAll(() => server.close());

const pairs = async () => (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];

describe("editing a pair carries over to the visitors' wordings linked to it", () => {
  it('answers the linked wording with the new answer and category, re-embedded', async () => {
    await server.ask(owner.workspaceId, wording);
    const gap = ((await owner.json('GET', '/api/admin/gaps')).body.items as any[]).find(
      (g) => g.question === wording,
    );
    expect(gap).toBeDefined();
    const wifi = (await pairs()).find((p) => p.question === 'Do you have wifi?');
    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/link`, { qa_id: wifi.id })).status).toBe(200);
    expect((await server.ask(owner.workspaceId, wording)).message.content).toContain(
      'password is on the menu',
    );

    const newAnswer = 'Yes: free wifi, network BookCafe, password "chapter1".';
    const edited = await owner.json('PATCH', `/api/admin/knowledge/${wifi.id}`, {
      answer: newAnswer,
      category: 'café',
    });
    expect(edited.status).toBe(200);

    expect((await server.ask(owner.workspaceId, 'Do you have wifi?')).message.content).toContain('chapter1');
    const reply = (await server.ask(owner.workspaceId, wording)).message.content;
    expect(reply).toContain('chapter1');
    expect(reply).not.toContain('password is on the menu');

    const phrasing = (await pairs()).find((p) => p.question === wording);
    expect(phrasing).toMatchObject({ answer: newAnswer, category: 'café', phrasing_of: { id: wifi.id } });
    // Its stored vector is its own question mixed with the new answer, as every pair's is.
    const [expected] = await embedPairs(server.runtime.embedder, [{ question: wording, answer: newAnswer }]);
    const [nearest] = await searchQaPairs(server.db, owner.workspaceId, expected as Float32Array, {
      threshold: 0,
      count: 1,
    });
    expect(nearest?.id).toBe(phrasing.id);
    expect(nearest?.similarity).toBeGreaterThan(0.999);
  });

  it('a bulk recategorise moves the phrasings with their pair', async () => {
    const wifi = (await pairs()).find((p) => p.question === 'Do you have wifi?');
    const res = await owner.json('POST', '/api/admin/knowledge/bulk', {
      ids: [wifi.id],
      action: 'recategorise',
      category: 'services',
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(1);
    expect((await pairs()).find((p) => p.question === wording)?.category).toBe('services');
  });
});
