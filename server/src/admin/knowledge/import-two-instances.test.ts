/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomBytes, randomUUID } from 'node:crypto';
import { startWireDatabase, testDatabaseServer, type WireDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// Two Clara servers on one database over DATABASE_URL (native Postgres with
// CLARA_TEST_DATABASE=postgres, else PGlite behind pglite-socket), each with its own
// in-memory state: only the database can tell them an import is already running.
let database: WireDatabase;
const instances: TestServer[] = [];

beforeAll(async () => {
  database = await startWireDatabase({ maxConnections: 4 });
  const env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: testDatabaseServer === 'postgres' ? '4' : '1',
    CLARA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  };
  for (const name of ['a', 'b'])
    instances.push(await startTestServer({ db: 'env', migrate: name === 'a', env }));
});

afterAll(async () => {
  for (const i of instances) await i.close();
  await database?.stop();
});

const csvOf = (n: number, tag: string) =>
  [
    'question,answer',
    ...Array.from({ length: n }, (_, i) => `How does part ${tag}-${i} fit?,Like this ${i}.`),
  ].join('\n');

/** The same signed-in owner on the other instance (sessions are in the database). */
function sameOwnerOn(url: string, owner: AdminClient): AdminClient {
  const twin = adminClient(url, owner);
  for (const [k, v] of owner.cookies) twin.cookies.set(k, v);
  return twin;
}

async function waitFor(client: AdminClient, id: string) {
  for (;;) {
    const { job } = (await client.json('GET', `/api/admin/knowledge/import/${id}`)).body;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('one import per workspace across instances', () => {
  it('two instances starting the same import at once: one 202, the other 409, the rows once', async () => {
    const [a, b] = instances as [TestServer, TestServer];
    for (let round = 0; round < 8; round++) {
      const onA = await signUpOwner(a.url);
      const onB = sameOwnerOn(b.url, onA);
      const csv = csvOf(60, randomUUID().slice(0, 8));
      const post = (c: AdminClient) =>
        c.request('POST', '/api/admin/knowledge/import', csv, { 'content-type': 'text/csv' });
      const answers = await Promise.all([post(onA), post(onB)]);
      const bodies = await Promise.all(answers.map((r) => r.json() as Promise<any>));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses, `round ${round}`).toEqual([202, 409]);
      const refused = bodies[answers.findIndex((r) => r.status === 409)];
      expect(refused.error).toEqual({
        code: 'conflict',
        message: 'An import is already running for this workspace: wait for it to finish.',
      });
      const startedOn = answers[0]?.status === 202 ? onA : onB;
      const job = await waitFor(startedOn, bodies[answers.findIndex((r) => r.status === 202)].job.id);
      expect(job).toMatchObject({ status: 'done', result: { imported: 60 } });
      const [count] = await a.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM qa_pairs WHERE workspace_id = $1',
        [onA.workspaceId],
      );
      expect(count?.n).toBe(60);
    }
  }, 120_000);
});
