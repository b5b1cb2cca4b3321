import { randomUUID } from 'node:crypto';
import { createUser, createWorkspace, type Database } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgressWriter } from './import-progress';

let db: Database;
let workspaceId: string;
const warnings: unknown[] = [];
const logger = { warn: (obj: unknown) => void warnings.push(obj) };

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await createUser(db, `progress-${randomUUID().slice(0, 8)}@example.com`, 'hash');
  workspaceId = (await createWorkspace(db, user.id)).id;
});
afterAll(() => db?.close());

async function newJob(): Promise<string> {
  const id = randomUUID();
  await db.query(
    "INSERT INTO import_jobs (id, workspace_id, total, updated_at) VALUES ($1, $2, 10, now() - interval '1 hour')",
    [id, workspaceId],
  );
  return id;
}

const state = (done: number, saved = 0) => ({
  status: 'running' as const,
  phase: saved > 0 ? ('saving' as const) : ('embedding' as const),
  done,
  saved,
  result: null,
  error: null,
});

const stored = async (id: string) =>
  (
    await db.query<{ done: number; saved: number; status: string; result: unknown; age: number }>(
      'SELECT done, saved, status, result, extract(epoch FROM now() - updated_at)::float8 AS age FROM import_jobs WHERE id = $1',
      [id],
    )
  )[0];

describe('import progress writer', () => {
  it('writes the newest state without making the caller wait, and the final state on finish', async () => {
    const id = await newJob();
    const writer = createProgressWriter({ sql: db, jobId: id, logger, heartbeatMs: 60_000 });
    for (let done = 1; done <= 5; done++) writer.publish(state(done));
    const result = { imported: 10, skipped: 0, errors: [], batch_id: randomUUID() };
    expect(await writer.finish({ ...state(10, 10), status: 'done', phase: 'done', result })).toBe(true);
    expect(await stored(id)).toMatchObject({ done: 10, saved: 10, status: 'done', result });
    expect((await stored(id))?.age).toBeLessThan(5);
  });

  it('never deadlocks with the import transaction on the one-connection embedded database', async () => {
    const id = await newJob();
    const writer = createProgressWriter({ sql: db, jobId: id, logger, heartbeatMs: 60_000 });
    await db.transaction(async (tx) => {
      for (let saved = 1; saved <= 3; saved++) {
        await tx.query('SELECT 1');
        writer.publish(state(10, saved));
      }
    });
    expect(await writer.finish({ ...state(10, 10), status: 'done', phase: 'done' })).toBe(true);
    expect(await stored(id)).toMatchObject({ saved: 10, status: 'done' });
  });

  it('rewrites the last state as a heartbeat while nothing changes', async () => {
    const id = await newJob();
    const writer = createProgressWriter({ sql: db, jobId: id, logger, heartbeatMs: 30 });
    writer.publish(state(3));
    await new Promise((r) => setTimeout(r, 20));
    await db.query("UPDATE import_jobs SET updated_at = now() - interval '10 minutes' WHERE id = $1", [id]);
    await new Promise((r) => setTimeout(r, 150));
    expect((await stored(id))?.age).toBeLessThan(5);
    expect(await stored(id)).toMatchObject({ done: 3, status: 'running' });
    await writer.finish(state(4));
  });

  it('reports a final state the database did not take, and logs why', async () => {
    const writer = createProgressWriter({ sql: db, jobId: await newJob(), logger, heartbeatMs: 60_000 });
    // The table's CHECK refuses it, as a lost connection would fail the write.
    expect(await writer.finish({ ...state(1), status: 'bogus' as 'done' })).toBe(false);
    expect(warnings).toHaveLength(1);
  });
});
