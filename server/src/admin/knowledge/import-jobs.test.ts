/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { withOwner } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
let other: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
});
afterAll(() => server.close());

const csv = [
  'question,answer,category',
  'Do you ship to Canada?,Yes within 5 days.,shipping',
  'Can I return an item?,Within 30 days.,returns',
  'x,Too short a question.,general',
].join('\n');

async function importCsv(client: AdminClient) {
  const started = await client.request('POST', '/api/admin/knowledge/import', csv, {
    'content-type': 'text/csv',
  });
  expect(started.status).toBe(202);
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 100 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await client.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  return job;
}

const row = async (id: string) =>
  (await server.db.query<any>('SELECT * FROM import_jobs WHERE id = $1', [id]))[0];

describe('CSV import jobs in the database', () => {
  it("a finished job's state is stored, polled from there, and invisible to other owners", async () => {
    const job = await importCsv(owner);
    expect(job).toMatchObject({ status: 'done', phase: 'done', done: 2, saved: 2, total: 2, error: null });
    expect(job.result).toMatchObject({ imported: 2, skipped: 1, errors: [{ row: 4 }] });
    const stored = await row(job.id);
    expect(stored).toMatchObject({
      workspace_id: owner.workspaceId,
      status: 'done',
      phase: 'done',
      done: 2,
      saved: 2,
      total: 2,
      result: job.result,
    });
    // The poll answers from the table: change the row and the answer follows.
    await server.db.query("UPDATE import_jobs SET error = 'from the table' WHERE id = $1", [job.id]);
    const polled = await owner.json('GET', `/api/admin/knowledge/import/${job.id}`);
    expect(polled.body.job).toEqual({ ...job, error: 'from the table' });

    const foreign = await other.json('GET', `/api/admin/knowledge/import/${job.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await owner.json('GET', `/api/admin/knowledge/import/${randomUUID()}`)).status).toBe(404);
  });

  it('a running job whose instance stopped writing for two minutes is reported failed, once', async () => {
    const dead = randomUUID();
    const alive = randomUUID();
    await server.db.query(
      `INSERT INTO import_jobs (id, workspace_id, total, done, updated_at)
       VALUES ($1, $3, 500, 250, now() - interval '3 minutes'), ($2, $3, 500, 250, now() - interval '30 seconds')`,
      [dead, alive, owner.workspaceId],
    );
    // Another owner's poll neither sees it nor fails it.
    expect((await other.json('GET', `/api/admin/knowledge/import/${dead}`)).status).toBe(404);
    expect((await row(dead)).status).toBe('running');

    const polled = await owner.json('GET', `/api/admin/knowledge/import/${dead}`);
    expect(polled.status).toBe(200);
    expect(polled.body.job).toMatchObject({
      id: dead,
      status: 'failed',
      done: 250,
      total: 500,
      result: null,
    });
    expect(polled.body.job.error).toMatch(/stopped.*nothing was saved/);
    expect(await row(dead)).toMatchObject({ status: 'failed', error: polled.body.job.error });

    const running = await owner.json('GET', `/api/admin/knowledge/import/${alive}`);
    expect(running.body.job).toMatchObject({ status: 'running', phase: 'embedding', done: 250 });
  });

  it('owners read their own jobs through RLS and cannot write them', async () => {
    const job = await importCsv(other);
    expect(job.status).toBe('done');
    const ownerId = (await ownerIdOf(other.workspaceId)) ?? '';
    const asOwner = (sql: string) => withOwner(server.db, { id: ownerId }, (tx) => tx.query(sql, [job.id]));
    expect(await asOwner('SELECT status FROM import_jobs WHERE id = $1')).toEqual([{ status: 'done' }]);
    await expect(asOwner("UPDATE import_jobs SET status = 'running' WHERE id = $1")).rejects.toThrow(
      /permission denied/,
    );
  });
});

async function ownerIdOf(workspaceId: string): Promise<string | undefined> {
  const [ws] = await server.db.query<{ owner_id: string }>('SELECT owner_id FROM workspaces WHERE id = $1', [
    workspaceId,
  ]);
  return ws?.owner_id;
}
