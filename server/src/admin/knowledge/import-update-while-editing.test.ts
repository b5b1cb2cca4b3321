/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { embedPairs } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A re-import that updates changed answers while the owner keeps working: phrasings follow their
// pair as it is, updates are saved a chunk at a time, and a spreadsheet's line endings change nothing.
let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
}, 60_000);
afterAll(() => server.close());

const csvHeaders = { 'content-type': 'text/csv' };
const send = async (path: string, text: string) => {
  const res = await owner.request('POST', `/api/admin/knowledge/${path}`, text, csvHeaders);
  return { status: res.status, body: (await res.json()) as any };
};

async function finish(job: any) {
  for (let i = 0; i < 600 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  return job;
}

async function importFile(text: string, query = '') {
  const started = await send(`import${query}`, text);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await finish(started.body.job);
  expect(job.status, job.error).toBe('done');
  return job.result;
}

/** The owner's pairs (their list pages hold at most 100, one import here adds 401). */
const byQuestion = async () => {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const { body } = await owner.json('GET', `/api/admin/knowledge?active=all&page_size=100&page=${page}`);
    items.push(...body.items);
    if (body.items.length < 100) break;
  }
  return new Map(items.map((p) => [p.question as string, p]));
};
const storedVector = async (id: string) => {
  const [row] = await server.db.query<{ v: string }>(
    'SELECT embedding::text AS v FROM qa_pairs WHERE id = $1',
    [id],
  );
  return JSON.parse(row?.v ?? '[]') as number[];
};
const farthest = (a: readonly number[], b: ArrayLike<number>) =>
  Math.max(a.length === b.length ? 0 : 1, ...a.map((x, i) => Math.abs(x - (b[i] ?? Number.NaN))));

describe('an updating import while the owner edits', { timeout: 120_000 }, () => {
  it('writes a new phrasing with its pair’s answer as it is when the row is saved, embedded with it', async () => {
    owner = await signUpOwner(server.url);
    await importFile('question,answer\nDo you sell gift cards?,Yes: from £10.\n');
    const card = (await byQuestion()).get('Do you sell gift cards?');
    // 400 new rows, then the file's new phrasing of the pair (saved in the last chunk), then the update.
    const rows = Array.from({ length: 400 }, (_, i) => `Do you stock part number ${i + 1}?,Yes.,`);
    const file = [
      'question,answer,phrasing_of',
      'Do you sell gift cards?,Yes: from £15.,',
      ...rows,
      'Can I buy a gift voucher?,x,Do you sell gift cards?',
    ].join('\n');
    const started = await send('import?update=true', file);
    expect(started.status).toBe(202);
    const edit = await owner.json('PATCH', `/api/admin/knowledge/${card.id}`, { answer: 'Yes: from £20.' });
    expect(edit.status).toBe(200);
    const job = await finish(started.body.job);
    expect(job.result).toMatchObject({ imported: 401, updated: 0 });
    expect(job.result.errors).toEqual([
      {
        row: 2,
        message: 'already in the knowledge base, and changed there since the file was read: not updated',
      },
    ]);
    const after = await byQuestion();
    expect(after.get('Do you sell gift cards?')?.answer).toBe('Yes: from £20.');
    const voucher = after.get('Can I buy a gift voucher?');
    expect(voucher).toMatchObject({ answer: 'Yes: from £20.', phrasing_of: { id: card.id } });
    // Its vector is its own question with that answer, as every phrasing's.
    const [expected] = await embedPairs(server.runtime.embedder, [
      { question: 'Can I buy a gift voucher?', answer: 'Yes: from £20.' },
    ]);
    expect(farthest(await storedVector(voucher.id), expected as Float32Array)).toBeLessThan(1e-5);
  });

  it('saves updates a chunk at a time: a failure after the first keeps those updates and says so', async () => {
    owner = await signUpOwner(server.url);
    const questions = Array.from({ length: 60 }, (_, i) => `What does repair ${i + 1} cost?`);
    await importFile(['question,answer', ...questions.map((q) => `${q},Ask us.`)].join('\n'));
    // The database refuses the 60th update (the second chunk's last).
    await server.db.query(`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.answer = '£60 boom.' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await server.db.query(
      'CREATE TRIGGER refuse_boom BEFORE UPDATE ON qa_pairs FOR EACH ROW EXECUTE FUNCTION refuse_boom()',
    );
    try {
      const file = [
        'question,answer',
        ...questions.map((q, i) => `${q},${i === 59 ? '£60 boom.' : `£${i + 1}.`}`),
        'Do you fix e-bikes?,Yes.',
      ].join('\n');
      const started = await send('import?update=true', file);
      expect(started.status).toBe(202);
      const job = await finish(started.body.job);
      expect(job.status).toBe('failed');
      expect(job.error).toBe(
        "The import failed: its new rows were removed, but the 50 pairs it had updated keep the file's answers (as edits). Try again.",
      );
    } finally {
      await server.db.query('DROP TRIGGER refuse_boom ON qa_pairs');
      await server.db.query('DROP FUNCTION refuse_boom()');
    }
    const after = await byQuestion();
    expect(after.has('Do you fix e-bikes?')).toBe(false);
    const answers = questions.map((q) => after.get(q)?.answer);
    expect(answers.slice(0, 50)).toEqual(questions.slice(0, 50).map((_, i) => `£${i + 1}.`));
    expect(answers.slice(50)).toEqual(questions.slice(50).map(() => 'Ask us.'));
  });

  it('reads an answer whose line endings a spreadsheet rewrote as unchanged', async () => {
    owner = await signUpOwner(server.url);
    await importFile(
      'question,answer,category\n"Do you fix punctures?","Yes,\nwhile you wait.",workshop\n"Are you open on Sundays?","No.\nMonday to Saturday.",hours\n',
    );
    // CRLF inside the quoted answers, a space left at a line's end, and one category changed.
    const resaved =
      'question,answer,category\r\n"Do you fix punctures?","Yes, \r\nwhile you wait.",workshop\r\n"Are you open on Sundays?","No.\r\nMonday to Saturday.",opening hours\r\n';
    const preview = await send('import/preview', resaved);
    expect(preview.body).toMatchObject({ valid: 0, changed: 1 });
    expect(preview.body.changes).toMatchObject([
      { question: 'Are you open on Sundays?', category: 'opening hours', previous_category: 'hours' },
    ]);
    expect(preview.body.errors).toEqual([
      { row: 2, message: 'duplicate question: already in the knowledge base, unchanged' },
    ]);
    // Updating the category keeps the stored answer as it was written.
    expect(await importFile(resaved, '?update=true')).toMatchObject({ imported: 0, updated: 1 });
    expect((await byQuestion()).get('Are you open on Sundays?')).toMatchObject({
      answer: 'No.\nMonday to Saturday.',
      category: 'opening hours',
    });
  });
});
