/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A pair's id sent in upper case is the same pair: its phrasings (which name it as text) follow
// an edit or a bulk recategorise made under that spelling.
let server: TestServer;
let owner: AdminClient;
const wording = 'is there free internet';

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Do you have wifi?', answer: 'Yes, the password is on the menu.', category: 'general' },
  ]);
  const csv = ['question,answer,category,phrasing_of', `${wording},-,,Do you have wifi?`].join('\n');
  const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
    'content-type': 'text/csv',
  });
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.result).toMatchObject({ imported: 1, errors: [] });
});
afterAll(() => server.close());

const pairs = async () => (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];

describe('a pair id sent in upper case', () => {
  it('PATCH carries the new answer to the phrasings', async () => {
    const wifi = (await pairs()).find((p) => p.question === 'Do you have wifi?');
    expect((await pairs()).find((p) => p.question === wording)?.phrasing_of?.id).toBe(wifi.id);
    const newAnswer = 'Yes: network BookCafe, password "chapter1".';
    const edited = await owner.json('PATCH', `/api/admin/knowledge/${wifi.id.toUpperCase()}`, {
      answer: newAnswer,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.pair).toMatchObject({ id: wifi.id, answer: newAnswer });
    expect((await pairs()).find((p) => p.question === wording)).toMatchObject({
      answer: newAnswer,
      phrasing_of: { id: wifi.id },
    });
  });

  it('a bulk recategorise moves the phrasings, the id in any case counted once', async () => {
    const wifi = (await pairs()).find((p) => p.question === 'Do you have wifi?');
    const res = await owner.json('POST', '/api/admin/knowledge/bulk', {
      ids: [wifi.id.toUpperCase(), wifi.id],
      action: 'recategorise',
      category: 'services',
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(1);
    expect((await pairs()).find((p) => p.question === wording)?.category).toBe('services');
  });

  it('a phrasing naming its pair in upper case still follows an edit', async () => {
    const wifi = (await pairs()).find((p) => p.question === 'Do you have wifi?');
    await server.db.query(
      `UPDATE qa_pairs SET metadata = jsonb_set(metadata, '{phrasing_of}', to_jsonb(upper(metadata->>'phrasing_of')))
        WHERE workspace_id = $1 AND question = $2`,
      [owner.workspaceId, wording],
    );
    const newAnswer = 'Yes: network BookCafe, password "chapter2".';
    expect((await owner.json('PATCH', `/api/admin/knowledge/${wifi.id}`, { answer: newAnswer })).status).toBe(
      200,
    );
    expect((await pairs()).find((p) => p.question === wording)?.answer).toBe(newAnswer);
  });
});
