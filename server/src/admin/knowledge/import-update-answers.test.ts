/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Export → change an answer in a spreadsheet → import again: the preview tells the changed row from
// the unchanged ones, and the owner may choose to update the pair.
let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

const csvHeaders = { 'content-type': 'text/csv' };
const send = async (path: string, text: string) => {
  const res = await owner.request('POST', `/api/admin/knowledge/${path}`, text, csvHeaders);
  return { status: res.status, body: (await res.json()) as any };
};

async function importFile(text: string, query = '') {
  const started = await send(`import${query}`, text);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  let { job } = started.body;
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status, job.error).toBe('done');
  return job.result;
}

const pairs = async () => {
  const { body } = await owner.json('GET', '/api/admin/knowledge?active=all&page_size=100');
  return body.items as any[];
};
const stored = async (id: string) =>
  (
    await server.db.query<{ answer: string; category: string; edited: boolean; vector: string }>(
      'SELECT answer, category, edited_at IS NOT NULL AS edited, embedding::text AS vector FROM qa_pairs WHERE id = $1',
      [id],
    )
  )[0];

describe('re-importing an edited export', () => {
  it('previews a changed answer apart from the unchanged rows, skips it unless asked, and updates it when asked', async () => {
    const first = await importFile(
      [
        'question,answer,category,phrasing_of',
        'How much is a full service?,£45 including parts checks.,workshop,',
        'Do you fix punctures?,Yes: £10 while you wait.,workshop,',
        'Are you open on Sundays?,No: Monday to Saturday.,hours,',
        'What does a service cost?,£45 including parts checks.,workshop,How much is a full service?',
      ].join('\r\n'),
    );
    expect(first).toMatchObject({ imported: 4, updated: 0, skipped: 0 });
    const service = (await pairs()).find((p) => p.question === 'How much is a full service?');
    const before = await stored(service.id);
    expect(before?.edited).toBe(false);

    const exported = await (await owner.request('GET', '/api/admin/knowledge/export.csv')).text();
    expect(exported).toContain('£45 including parts checks.');
    const edited = `${exported.replace('£45 including parts checks.', '£49 including parts checks.')}Do you sell helmets?,Yes: from £30.,shop\r\n`;

    const preview = await send('import/preview', edited);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 5, valid: 1, changed: 1 });
    expect(preview.body.changes).toEqual([
      {
        row: expect.any(Number),
        id: service.id,
        question: 'How much is a full service?',
        answer: '£49 including parts checks.',
        category: 'workshop',
        previous_answer: '£45 including parts checks.',
        previous_category: 'workshop',
      },
    ]);
    // The unchanged rows say so; the changed one is not among them.
    expect(preview.body.errors).toHaveLength(3);
    for (const e of preview.body.errors)
      expect(e.message).toBe('duplicate question: already in the knowledge base, unchanged');
    expect(preview.body.errors.map((e: any) => e.row)).not.toContain(preview.body.changes[0].row);

    // Not asked to update: the new row comes in, the changed one is skipped saying why.
    const skipped = await importFile(edited);
    expect(skipped).toMatchObject({ imported: 1, updated: 0, skipped: 4 });
    expect(skipped.errors).toContainEqual({
      row: preview.body.changes[0].row,
      message:
        'already in the knowledge base with a different answer: not updated (choose to update changed answers)',
    });
    expect((await stored(service.id))?.answer).toBe('£45 including parts checks.');

    // Asked to: the pair is updated as an owner's edit (re-embedded, edited_at), its phrasing follows.
    const updated = await importFile(edited, '?update=true');
    expect(updated).toMatchObject({ imported: 0, updated: 1 });
    const after = await stored(service.id);
    expect(after).toMatchObject({
      answer: '£49 including parts checks.',
      category: 'workshop',
      edited: true,
    });
    expect(after?.vector).not.toBe(before?.vector);
    const phrasing = (await pairs()).find((p) => p.question === 'What does a service cost?');
    expect(phrasing).toMatchObject({
      answer: '£49 including parts checks.',
      phrasing_of: { id: service.id },
    });
    expect((await pairs()).filter((p) => p.question === 'How much is a full service?')).toHaveLength(1);

    // Undo of the updating import takes back nothing it updated (it added nothing).
    const undoUpdate = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${updated.batch_id}`);
    expect(undoUpdate.status).toBe(404);
    expect((await stored(service.id))?.answer).toBe('£49 including parts checks.');
    // Undo of the first import keeps the updated pair, as it keeps any pair the owner edited since.
    const undoFirst = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${first.batch_id}`);
    expect(undoFirst.body).toMatchObject({ kept_edited: 1 });
    expect((await stored(service.id))?.answer).toBe('£49 including parts checks.');

    // The same file again: nothing changed any more.
    const again = await send('import/preview', edited);
    expect(again.body).toMatchObject({ changed: 0 });
    // A flag it cannot read is refused, not taken as no.
    expect((await send('import?update=yes', edited)).status).toBe(400);
  });

  it('gives a new phrasing of an updated pair the new answer, and compares categories only when the file has them', async () => {
    owner = await signUpOwner(server.url);
    await importFile(
      'question,answer,category\nDo you deliver?,Within 5 miles.,delivery\nDo you sell tyres?,Yes.,shop\n',
    );
    // No category column: the same answer is unchanged, whatever the pair's category.
    const noCategory = await send('import/preview', 'question,answer\nDo you deliver?,Within 5 miles.\n');
    expect(noCategory.body).toMatchObject({ valid: 0, changed: 0 });
    // A category alone can change too.
    const moved = await send('import/preview', 'question,answer,category\nDo you sell tyres?,Yes.,tyres\n');
    expect(moved.body.changes).toMatchObject([{ category: 'tyres', previous_category: 'shop' }]);
    const result = await importFile(
      'question,answer,category,phrasing_of\nDo you deliver?,Within 10 miles.,delivery,\nHow far do you deliver?,x,x,Do you deliver?\n',
      '?update=true',
    );
    expect(result).toMatchObject({ imported: 1, updated: 1, skipped: 0 });
    const byQuestion = Object.fromEntries((await pairs()).map((p) => [p.question, p.answer]));
    expect(byQuestion).toMatchObject({
      'Do you deliver?': 'Within 10 miles.',
      'How far do you deliver?': 'Within 10 miles.',
    });
  });

  it('leaves a pair the owner edits while the import runs as the owner left it', async () => {
    owner = await signUpOwner(server.url);
    await importFile('question,answer\nDo you sell gift cards?,Yes: from £10.\n');
    const [card] = await pairs();
    // New rows first (saved 50 at a time), the update after them: the owner's edit lands in between.
    const rows = Array.from({ length: 400 }, (_, i) => `Do you stock part number ${i + 1}?,Yes.`);
    const file = ['question,answer', 'Do you sell gift cards?,Yes: from £15.', ...rows].join('\n');
    const started = await send('import?update=true', file);
    expect(started.status).toBe(202);
    const edit = await owner.json('PATCH', `/api/admin/knowledge/${card.id}`, { answer: 'Yes: from £20.' });
    expect(edit.status).toBe(200);
    let { job } = started.body;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job.result).toMatchObject({ imported: 400, updated: 0 });
    expect(job.result.errors).toEqual([
      {
        row: 2,
        message: 'already in the knowledge base, and changed there since the file was read: not updated',
      },
    ]);
    expect((await stored(card.id))?.answer).toBe('Yes: from £20.');
  });
});
