/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the knowledge list after an import', () => {
  it('shows the file in file order, across the chunks the import is saved in, and the export keeps it', async () => {
    const owner = await signUpOwner(server.url);
    // Over one chunk (50 rows), so the import is saved in several transactions.
    const questions = Array.from({ length: 120 }, (_, i) => `Question number ${i + 1} about our shop?`);
    const file = ['question,answer', ...questions.map((q, i) => `${q},Answer ${i + 1}.`)].join('\n');
    const started = await owner.request('POST', '/api/admin/knowledge/import', file, {
      'content-type': 'text/csv',
    });
    let { job } = (await started.json()) as any;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job.status).toBe('done');
    const listed: string[] = [];
    for (const page of [1, 2]) {
      const { body } = await owner.json('GET', `/api/admin/knowledge?page=${page}&page_size=100`);
      listed.push(...body.items.map((p: any) => p.question));
    }
    expect(listed).toEqual(questions);
    const exported = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    const order = exported
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split('","')[0]?.replace(/^\uFEFF?"/, ''));
    expect(order).toEqual(questions);
  });
});
