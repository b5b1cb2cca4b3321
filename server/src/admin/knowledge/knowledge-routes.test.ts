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

const create = (body: Record<string, unknown>) => owner.json('POST', '/api/admin/knowledge', body);

describe('knowledge CRUD', () => {
  it('creates, lists with search and filters, edits, soft-deletes and restores', async () => {
    const a = await create({
      question: 'How much does shipping cost?',
      answer: 'Free over $50.',
      category: 'Pricing',
    });
    expect(a.status).toBe(201);
    expect(a.body.pair).toMatchObject({ category: 'Pricing', source: 'manual', is_active: true });
    expect(a.body.pair).not.toHaveProperty('embedding');
    const b = await create({
      question: 'Where is your office?',
      answer: 'In Lisbon.',
      category: 'office hours',
    });
    expect(b.body.pair.category).toBe('office hours');

    const search = await owner.json('GET', '/api/admin/knowledge?q=lisbon');
    expect(search.body.items.map((p: any) => p.id)).toEqual([b.body.pair.id]);
    const byCategory = await owner.json('GET', '/api/admin/knowledge?category=pricing');
    expect(byCategory.body.total).toBe(1);
    const cats = await owner.json('GET', '/api/admin/knowledge/categories');
    // The workspace's own categories only: never the seed's defaults (another business's).
    expect(cats.body.categories).toEqual(['office hours', 'Pricing']);
    // The filter's list: only the categories that hold pairs.
    expect(cats.body.in_use).toEqual(['office hours', 'Pricing']);

    const edited = await owner.json('PATCH', `/api/admin/knowledge/${a.body.pair.id}`, {
      answer: 'Free over $60.',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.pair.answer).toBe('Free over $60.');

    expect((await owner.json('DELETE', `/api/admin/knowledge/${b.body.pair.id}`)).body.pair.is_active).toBe(
      false,
    );
    expect((await owner.json('GET', '/api/admin/knowledge?active=true')).body.total).toBe(1);
    expect((await owner.json('GET', '/api/admin/knowledge?active=false')).body.total).toBe(1);
    expect(
      (await owner.json('POST', `/api/admin/knowledge/${b.body.pair.id}/restore`)).body.pair.is_active,
    ).toBe(true);
  });

  it('warns about a near-duplicate above 0.95 and shows it; saves only when told to', async () => {
    const first = await create({ question: 'Do you offer refunds?', answer: 'Within 30 days.' });
    const dup = await create({ question: 'Do you offer refunds', answer: 'Yes.' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    expect(dup.body.duplicate).toMatchObject({ id: first.body.pair.id, question: 'Do you offer refunds?' });
    expect(dup.body.duplicate.similarity).toBeGreaterThan(0.95);
    const check = await owner.json('POST', '/api/admin/knowledge/check-duplicate', {
      question: 'do you offer refunds?',
    });
    expect(check.body.duplicate.id).toBe(first.body.pair.id);
    const unrelated = await owner.json('POST', '/api/admin/knowledge/check-duplicate', {
      question: 'What colour is the logo?',
    });
    expect(unrelated.body.duplicate).toBeNull();
    const anyway = await create({ question: 'Do you offer refunds', answer: 'Yes.', allow_duplicate: true });
    expect(anyway.status).toBe(201);
    expect(anyway.body.duplicate.id).toBe(first.body.pair.id);
    // Editing a pair to its own question is not a duplicate of itself.
    const self = await owner.json('PATCH', `/api/admin/knowledge/${first.body.pair.id}`, {
      question: 'Do you offer refunds?!',
    });
    expect(self.status).toBe(409);
    expect(self.body.duplicate.id).toBe(anyway.body.pair.id);
  });

  it('bulk activates, deactivates and recategorises', async () => {
    const ids: string[] = [];
    for (const q of ['Bulk one question?', 'Bulk two question?', 'Bulk three question?']) {
      ids.push((await create({ question: q, answer: 'x', allow_duplicate: true })).body.pair.id);
    }
    expect(
      (await owner.json('POST', '/api/admin/knowledge/bulk', { action: 'deactivate', ids })).body.updated,
    ).toBe(3);
    expect(
      (
        await owner.json('POST', '/api/admin/knowledge/bulk', {
          action: 'recategorise',
          ids,
          category: 'Case Studies',
        })
      ).body.updated,
    ).toBe(3);
    const listed = await owner.json('GET', '/api/admin/knowledge?category=case_studies&active=false');
    expect(listed.body.total).toBe(3);
    expect(
      (await owner.json('POST', '/api/admin/knowledge/bulk', { action: 'activate', ids })).body.updated,
    ).toBe(3);
  });

  it('rejects bad input with 4xx, never 500', async () => {
    const cases: [string, string, unknown, number][] = [
      ['POST', '/api/admin/knowledge', { question: 'x', answer: '' }, 400],
      [
        'POST',
        '/api/admin/knowledge',
        { question: 'Fine question?', answer: 'ok', category: 'bad<cat>' },
        400,
      ],
      ['POST', '/api/admin/knowledge/bulk', { action: 'explode', ids: [] }, 400],
      ['PATCH', '/api/admin/knowledge/not-a-uuid', { answer: 'x' }, 404],
      ['GET', '/api/admin/knowledge?page=0', undefined, 400],
      ['GET', '/api/admin/knowledge?active=maybe', undefined, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await owner.json(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.body.error.code).toBeTypeOf('string');
    }
    const text = await owner.request('POST', '/api/admin/knowledge', '{nope', {
      'content-type': 'application/json',
    });
    expect(text.status).toBe(400);
  });
});

const csv = [
  'question,answer,category',
  'What is the return window?,30 days from delivery.,retention',
  ',missing question,general',
  'Can I pay by invoice?,Yes for annual plans.,pricing',
  'can i pay by invoice?,Duplicate in the file.,pricing',
  'How much does shipping cost?,Already in the knowledge base.,pricing',
  '"=HYPERLINK(""http://evil.example"",""click"")",Formula question,general',
].join('\n');

describe('CSV import and export', () => {
  it('previews row errors and duplicates, imports with progress, reports the skipped rows, and undoes the batch', async () => {
    const preview = await owner.request('POST', '/api/admin/knowledge/import/preview', csv, {
      'content-type': 'text/csv',
    });
    const p = (await preview.json()) as any;
    expect(preview.status).toBe(200);
    expect(p.valid).toBe(3);
    expect(p.errors).toEqual([
      { row: 3, message: 'question is empty' },
      { row: 5, message: 'duplicate question: same as row 4' },
    ]);
    // Row 6 repeats a question of the knowledge base with another answer: listed as changed.
    expect(p.changed).toBe(1);
    expect(p.changes[0]).toMatchObject({ row: 6, answer: 'Already in the knowledge base.' });

    const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
      'content-type': 'text/csv',
    });
    expect(started.status).toBe(202);
    let { job } = (await started.json()) as any;
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job).toMatchObject({ status: 'done', done: 3, total: 3 });
    expect(job.result.imported).toBe(3);
    expect(job.result.errors.map((e: any) => e.row)).toEqual([3, 5, 6]);
    expect(job.result.errors[2].message).toMatch(
      /^already in the knowledge base with a different answer: not updated/,
    );
    const imported = await owner.json('GET', '/api/admin/knowledge?source=csv_import');
    expect(imported.body.total).toBe(3);
    expect(imported.body.items.every((i: any) => i.import_batch_id === job.result.batch_id)).toBe(true);

    const exported = await owner.request('GET', '/api/admin/knowledge/export.csv');
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await exported.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"=HYPERLINK/m);

    const undo = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${job.result.batch_id}`);
    expect(undo.body.deleted).toBe(3);
    expect((await owner.json('GET', '/api/admin/knowledge?source=csv_import')).body.total).toBe(0);
  });

  it('refuses a file without the header, or of the wrong type', async () => {
    const bad = await owner.request('POST', '/api/admin/knowledge/import/preview', 'foo,bar\n1,2', {
      'content-type': 'text/csv',
    });
    expect(bad.status).toBe(400);
    const json = await owner.request('POST', '/api/admin/knowledge/import', { a: 1 });
    expect(json.status).toBe(415);
  });
});
