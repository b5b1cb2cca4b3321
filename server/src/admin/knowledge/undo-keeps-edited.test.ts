/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
});
afterAll(() => server.close());

const questions = Array.from({ length: 30 }, (_, i) => `How long does repair job number ${i} take?`);
const csv = ['question,answer,category', ...questions.map((q, i) => `${q},About ${i} days.,repairs`)].join(
  '\n',
);

async function importCsv() {
  const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
    'content-type': 'text/csv',
  });
  expect(started.status).toBe(202);
  let { job } = (await started.json()) as any;
  while (job.status === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result.batch_id as string;
}

async function pairsByQuestion() {
  const list = await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100');
  return new Map<string, any>(list.body.items.map((p: any) => [p.question, p]));
}

describe('DELETE /api/admin/knowledge/import-batches/:id keeps the pairs edited since', () => {
  it('removes the unchanged pairs, keeps the 22 edited ones with their edits, and says how many', async () => {
    const batch = await importCsv();
    const byQuestion = await pairsByQuestion();
    const id = (i: number) => byQuestion.get(questions[i] as string).id as string;

    // 20 answers edited, as the owner does in the pair dialog.
    for (let i = 0; i < 20; i++) {
      const res = await owner.json('PATCH', `/api/admin/knowledge/${id(i)}`, {
        answer: `Edited: ${i} working days.`,
      });
      expect(res.status).toBe(200);
    }
    // Two moved to another category.
    const moved = await owner.json('POST', '/api/admin/knowledge/bulk', {
      action: 'recategorise',
      ids: [id(20), id(21)],
      category: 'Workshop',
    });
    expect(moved.status).toBe(200);
    // Not edits: one deactivated, one saved unchanged.
    expect((await owner.json('DELETE', `/api/admin/knowledge/${id(22)}`)).status).toBe(200);
    const same = await owner.json('PATCH', `/api/admin/knowledge/${id(23)}`, {
      question: questions[23],
      answer: 'About 23 days.',
      category: 'repairs',
    });
    expect(same.status).toBe(200);

    const undone = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${batch}`);
    expect(undone).toEqual({ status: 200, body: { deleted: 8, kept_edited: 22 } });

    const left = await pairsByQuestion();
    expect([...left.keys()].sort()).toEqual(questions.slice(0, 22).sort());
    expect(left.get(questions[5] as string).answer).toBe('Edited: 5 working days.');
    expect(left.get(questions[21] as string).category).toBe('Workshop');

    // Undone again: nothing more to remove, the edited pairs still there.
    const again = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${batch}`);
    expect(again).toEqual({ status: 200, body: { deleted: 0, kept_edited: 22 } });
    expect((await pairsByQuestion()).size).toBe(22);
  });
});
