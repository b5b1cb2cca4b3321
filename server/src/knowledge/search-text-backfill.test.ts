import { Writable } from 'node:stream';
import { createUser, createWorkspace, type Database, listPairs } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { backfillSearchText, startSearchTextBackfill } from './search-text-backfill';

// Pairs written before migration 20261207180000 (here: inserted by SQL, without the stored text)
// are filled by `clara migrate` and by a serving process, which logs what it did.

let db: Database;
let ws: string;
const logs: string[] = [];
const logger = createLogger({
  level: 'info',
  destination: new Writable({
    write: (chunk, _e, cb) => {
      logs.push(String(chunk));
      cb();
    },
  }),
});

const rawPairs = (questions: string[]) =>
  db.query(
    'INSERT INTO qa_pairs (workspace_id, question, answer) SELECT $1, q, $3 FROM unnest($2::text[]) AS q',
    [ws, questions, 'See the ØRESUND desk.'],
  );
const missing = async () =>
  (
    await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_pairs WHERE search_question IS NULL OR question_key IS NULL',
    )
  )[0]?.n;

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await createUser(db, 'backfill@example.com', 'x');
  ws = (await createWorkspace(db, user.id)).id;
});
afterAll(() => db.close());

describe('the search text backfill', () => {
  it('fills every pair without it, logs the count, and then has nothing to do', async () => {
    await rawPairs(Array.from({ length: 1200 }, (_, i) => `Old question ${i}?`));
    expect(await missing()).toBe(1200);
    expect(await backfillSearchText(db, logger)).toBe(1200);
    expect(await missing()).toBe(0);
    expect(logs.join('')).toMatch(/"pairs":1200.*search text backfill: done/);
    const found = await listPairs(db, ws, {
      words: ['øresund', '1199'],
      active: 'all',
      page: 1,
      page_size: 5,
    });
    expect(found.items.map((p) => p.question)).toEqual(['Old question 1199?']);
    expect(await backfillSearchText(db, logger)).toBe(0);
  });

  it('runs in the background of a server and stops between batches of 500 when asked', async () => {
    await rawPairs(Array.from({ length: 1200 }, (_, i) => `Newer question ${i}?`));
    await startSearchTextBackfill(db, logger).stop();
    expect(await missing()).toBe(700);
    await startSearchTextBackfill(db, logger).stop();
    expect(await missing()).toBe(200);
    await backfillSearchText(db, logger);
    expect(await missing()).toBe(0);
  });
});
