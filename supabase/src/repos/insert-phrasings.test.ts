import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { insertPhrasingsOfLivePairs } from './insert-phrasings';
import { insertQaPairs, type NewQaPair } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  workspaceId = (await createWorkspace(db, (await createUser(db, 'phrasings@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

const pair = (question: string): NewQaPair => ({
  question,
  answer: 'From £10.',
  category: 'Gifts',
  embedding: Float32Array.from({ length: 1536 }, (_, i) => (i === question.length ? 1 : 0)),
  source: 'csv_import',
  metadata: { import_row: 2 },
});
const pairOf = async (question: string) =>
  (await insertQaPairs(db, workspaceId, [pair(question)]))[0] as string;
const phrasingsOf = (id: string) =>
  db.query<{ question: string; phrasing_of: string }>(
    `SELECT question, metadata->>'phrasing_of' AS phrasing_of FROM qa_pairs
      WHERE workspace_id = $1 AND lower(metadata->>'phrasing_of') = lower($2) ORDER BY question`,
    [workspaceId, id],
  );

describe('insertPhrasingsOfLivePairs', () => {
  it('saves each phrasing linked to its pair, and leaves out one whose pair is gone (null in its place)', async () => {
    const live = await pairOf('Do you sell gift cards?');
    const gone = await pairOf('Do you sell vouchers?');
    await db.query('DELETE FROM qa_pairs WHERE id = $1', [gone]);
    const ids = await insertPhrasingsOfLivePairs(db, workspaceId, [
      { ...pair('Can I buy a gift card?'), parentId: live },
      { ...pair('Can I buy a voucher?'), parentId: gone },
      { ...pair('Gift cards?'), parentId: live.toUpperCase() },
    ]);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBeNull();
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await phrasingsOf(live)).toEqual([
      { question: 'Can I buy a gift card?', phrasing_of: live },
      { question: 'Gift cards?', phrasing_of: live },
    ]);
    expect(await phrasingsOf(gone)).toEqual([]);
    const saved = await db.query<{ id: string; question: string; import_row: number }>(
      "SELECT id, question, (metadata->>'import_row')::int AS import_row FROM qa_pairs WHERE id = ANY($1::uuid[])",
      [ids.filter(Boolean)],
    );
    expect(new Map(saved.map((r) => [r.id, r.question]))).toEqual(
      new Map([
        [ids[0], 'Can I buy a gift card?'],
        [ids[2], 'Gift cards?'],
      ]),
    );
    expect(saved.every((r) => r.import_row === 2)).toBe(true);
  });

  it('leaves out a phrasing whose pair another transaction deletes and commits while it waits', async () => {
    const parent = await pairOf('Do you gift wrap?');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let deleted = () => {};
    const didDelete = new Promise<void>((resolve) => {
      deleted = resolve;
    });
    // The owner's delete holds the pair's row (native Postgres: the insert waits for its lock;
    // PGlite: the insert's transaction runs after it).
    const deleter = db.transaction(async (tx) => {
      await tx.query('DELETE FROM qa_pairs WHERE id = $1', [parent]);
      deleted();
      await held;
    });
    await didDelete;
    const inserting = db.transaction((tx) =>
      insertPhrasingsOfLivePairs(tx, workspaceId, [{ ...pair('Is gift wrapping free?'), parentId: parent }]),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await deleter;
    expect(await inserting).toEqual([null]);
    expect(await phrasingsOf(parent)).toEqual([]);
  });
});
