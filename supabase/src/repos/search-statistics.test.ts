import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing/test-database';
import { insertQaPairs, refreshSearchStatistics } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('search statistics after a large import', () => {
  it('on Postgres the planner learns how many pairs there are; the embedded database has nothing to refresh', async () => {
    const ws = await createWorkspace(db, (await createUser(db, 'stats@example.com', 'x')).id);
    const embedding = new Float32Array(1536);
    embedding[0] = 1;
    await insertQaPairs(
      db,
      ws.id,
      Array.from({ length: 1200 }, (_, i) => ({
        question: `Question ${i}?`,
        answer: `Answer ${i}.`,
        category: 'general',
        embedding,
        source: 'csv_import' as const,
        metadata: {},
      })),
    );
    expect(await refreshSearchStatistics(db)).toBe(true);
    if (db.kind !== 'pg') return;
    const [row] = await db.query<{ planned: number; actual: number }>(
      `SELECT (SELECT reltuples FROM pg_class WHERE oid = 'qa_pairs'::regclass)::float8 AS planned,
              (SELECT count(*) FROM qa_pairs)::float8 AS actual`,
    );
    expect(row?.actual).toBeGreaterThanOrEqual(1200);
    expect(row?.planned).toBe(row?.actual);
  });
});
