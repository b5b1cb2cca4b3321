import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase, testDatabaseServer } from '../testing/test-database';
import { listPairs, updatePair } from './admin-pairs';
import { backfillPairSearchText } from './pair-search-text';
import { activePairsWithQuestion } from './pairs-by-question';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

// Pairs written without their stored search text (before migration 20261207180000, or by SQL
// written by hand) are still searched, and the backfill fills them; a text changed by hand never
// keeps a stale stored form.

let db: Database;
let ws: string;

const stored = (id: string) =>
  db
    .query<{ search_question: string | null; search_answer: string | null; question_key: string | null }>(
      'SELECT search_question, search_answer, question_key FROM qa_pairs WHERE id = $1',
      [id],
    )
    .then((rows) => rows[0]);
const searched = async (words: string[]) =>
  (await listPairs(db, ws, { words, active: 'all', page: 1, page_size: 20 })).items.map((p) => p.question);
/** A pair inserted as SQL written by hand would: no stored search text. */
const rawPair = async (question: string, answer: string) =>
  (
    await db.query<{ id: string }>(
      'INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, $2, $3) RETURNING id',
      [ws, question, answer],
    )
  )[0]?.id as string;

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await createUser(db, 'search-text@example.com', 'x');
  ws = (await createWorkspace(db, user.id)).id;
});
afterAll(() => db.close());

describe('pairs without stored search text', () => {
  it('are searched by their folded text, found by their key, then filled by an idempotent backfill', async () => {
    const dogs = await rawPair('Are dogs welcome in the café?', 'Dogs on a lead are welcome.');
    const wifi = await rawPair('Do you have Wi-Fi?', 'Yes, free.');
    expect(await stored(dogs)).toEqual({ search_question: null, search_answer: null, question_key: null });
    expect(await searched(['cafe', 'lead'])).toEqual(['Are dogs welcome in the café?']);
    expect((await activePairsWithQuestion(db, ws, 'do you have wifi')).map((p) => p.id)).toEqual([wifi]);
    const progress: number[] = [];
    expect(await backfillPairSearchText(db, { batchSize: 1, onBatch: (n) => progress.push(n) })).toBe(2);
    expect(progress).toEqual([1, 2]);
    expect(await stored(dogs)).toEqual({
      search_question: 'are dogs welcome in the cafe?',
      search_answer: 'dogs on a lead are welcome.',
      question_key: 'are dog welcome in the cafe',
    });
    expect(await backfillPairSearchText(db)).toBe(0);
    expect(await searched(['cafe', 'lead'])).toEqual(['Are dogs welcome in the café?']);
    expect((await activePairsWithQuestion(db, ws, 'Do you have WIFI?')).map((p) => p.id)).toEqual([wifi]);
  });

  it('loses its stored forms when SQL written by hand changes the text, and is found by its new words', async () => {
    const id = await rawPair('Is there PARKING?', 'Behind the shop.');
    await backfillPairSearchText(db);
    await db.query("UPDATE qa_pairs SET question = 'Is there a BIKE rack?' WHERE id = $1", [id]);
    expect(await stored(id)).toEqual({
      search_question: null,
      search_answer: 'behind the shop.',
      question_key: null,
    });
    expect(await searched(['parking'])).toEqual([]);
    expect(await searched(['bike', 'rack', 'shop'])).toEqual(['Is there a BIKE rack?']);
    expect((await activePairsWithQuestion(db, ws, 'is there a bike rack')).map((p) => p.id)).toEqual([id]);
    expect(await activePairsWithQuestion(db, ws, 'is there parking')).toEqual([]);
  });

  it('keeps them through the store when a new text folds as the old one did', async () => {
    const id = await rawPair('Do you sell Wi-Fi DONGLES?', 'At the TILL.');
    await backfillPairSearchText(db);
    await updatePair(db, ws, id, { question: 'Do you sell WiFi dongles?', answer: 'At the till.' });
    expect(await stored(id)).toEqual({
      search_question: 'do you sell wifi dongles?',
      search_answer: 'at the till.',
      question_key: 'do you sell wifi dongle',
    });
  });

  it('two backfills started together write each pair once', async () => {
    await db.query(
      'INSERT INTO qa_pairs (workspace_id, question, answer) SELECT $1, q, $3 FROM unnest($2::text[]) AS q',
      [ws, Array.from({ length: 60 }, (_, i) => `Together question ${i}?`), 'Both at once.'],
    );
    const [a, b] = await Promise.all([
      backfillPairSearchText(db, { batchSize: 5 }),
      backfillPairSearchText(db, { batchSize: 5 }),
    ]);
    // RETURNING counts the rows each one really wrote: together, every pair once.
    expect(a + b).toBe(60);
    const [left] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_pairs WHERE search_question IS NULL OR question_key IS NULL',
    );
    expect(left?.n).toBe(0);
  });

  // PGlite is one session (an advisory lock is always its own): shown on native Postgres.
  it.runIf(testDatabaseServer === 'postgres')(
    'leaves the work to the instance holding the backfill lock',
    async () => {
      const id = await rawPair('Is there a lift?', 'By the stairs.');
      let busy = 0;
      let release = () => {};
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      const holder = db.transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock(hashtext('clara:search-text-backfill'))");
        locked();
        await released;
      });
      await isLocked;
      expect(await backfillPairSearchText(db, { onBusy: () => busy++ })).toBe(0);
      expect(busy).toBe(1);
      release();
      await holder;
      expect(await backfillPairSearchText(db)).toBe(1);
      expect((await stored(id))?.question_key).toBe('is there a lift');
    },
  );
});
