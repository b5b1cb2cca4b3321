/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The word search reads each pair's stored search text: every way a pair is written or changed
// through the server leaves it finding the pair by its current words, and by no others.

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
});
afterAll(() => server.close());

/** The questions a word search for `q` lists. */
async function found(q: string) {
  const res = await owner.json(
    'GET',
    `/api/admin/knowledge?active=all&match=words&q=${encodeURIComponent(q)}`,
  );
  expect(res.status).toBe(200);
  return (res.body.items as any[]).map((p) => p.question);
}

async function create(question: string, answer: string): Promise<string> {
  const res = await owner.json('POST', '/api/admin/knowledge', { question, answer, allow_duplicate: true });
  expect(res.status).toBe(201);
  return res.body.pair.id;
}

describe('the word search after writes', () => {
  it('finds an edited pair by its new words and not by its old ones', async () => {
    const id = await create('Can I park my KAYAK here?', 'Kayaks go on the rack by the ÉCLUSE.');
    expect(await found('kayak ecluse')).toEqual(['Can I park my KAYAK here?']);
    const edited = await owner.json('PATCH', `/api/admin/knowledge/${id}`, {
      question: 'Can I store my CANOË here?',
    });
    expect(edited.status).toBe(200);
    expect(await found('canoe')).toEqual(['Can I store my CANOË here?']);
    expect(await found('park')).toEqual([]);
    // The answer alone changed: its new words found, its old ones not, the question kept.
    await owner.json('PATCH', `/api/admin/knowledge/${id}`, { answer: 'On the ÅLAND quay.' });
    expect(await found('canoe åland')).toEqual(['Can I store my CANOË here?']);
    expect(await found('ecluse')).toEqual([]);
  });

  it('finds a pair whose edit changes only the case (its folded text stays the same)', async () => {
    const id = await create('Do you sell Wi-Fi DONGLES?', 'Yes, at the till.');
    await owner.json('PATCH', `/api/admin/knowledge/${id}`, { question: 'Do you sell WiFi dongles?' });
    expect(await found('wifi dongle')).toEqual(['Do you sell WiFi dongles?']);
  });

  it('finds an imported pair, capitals beyond ASCII included', async () => {
    const file = ['question,answer', 'Is the ŁÓDŹ shop open?,"Yes, from 9 in ŁÓDŹ."'].join('\n');
    const started = await owner.request('POST', '/api/admin/knowledge/import', file, {
      'content-type': 'text/csv',
    });
    let { job } = (await started.json()) as any;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job.status).toBe('done');
    expect(await found('łódź shop')).toEqual(['Is the ŁÓDŹ shop open?']);
  });
});
