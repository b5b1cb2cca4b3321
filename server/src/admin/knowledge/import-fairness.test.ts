/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import type { Embedder } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { createImportJobs } from './import-jobs';
import { recoverInterruptedImports } from './import-recovery';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { CLARA_CHAT_RATE_PER_IP: '100000', CLARA_CHAT_RATE_PER_SESSION: '100000' },
  });
});
afterAll(() => server.close());

const csvOf = (n: number, tag = randomUUID().slice(0, 8)) =>
  [
    'question,answer',
    ...Array.from({ length: n }, (_, i) => `How does part ${tag}-${i} fit exactly?,Like this ${i}.`),
  ].join('\n');

const startImport = (client: AdminClient, csv: string) =>
  client.request('POST', '/api/admin/knowledge/import', csv, { 'content-type': 'text/csv' });

async function waitFor(client: AdminClient, id: string) {
  for (;;) {
    const { job } = (await client.json('GET', `/api/admin/knowledge/import/${id}`)).body;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pairsIn = async (workspaceId: string) =>
  (
    await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM qa_pairs WHERE workspace_id = $1', [
      workspaceId,
    ])
  )[0]?.n;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? 0;

describe('imports never stall chat, and are bounded (issue 18 #2)', () => {
  it('chat on another workspace stays fast during a 3,000-row import (p95 < 1 s)', async () => {
    const owner = await signUpOwner(server.url);
    const { workspaceId: other } = await server.createWorkspace();
    await server.addPairs(other, [
      { question: 'What are your opening hours?', answer: 'Nine to five.', category: 'general' },
    ]);
    // The machine is shared: chat's own latency without an import is the yardstick too.
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await server.ask(other, 'What are your opening hours?');
      baseline.push(performance.now() - t);
    }
    const started = await startImport(owner, csvOf(3000));
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as any;
    const latencies: number[] = [];
    let running = true;
    const done = waitFor(owner, job.id).finally(() => {
      running = false;
    });
    while (running) {
      const t = performance.now();
      const res = await server.ask(other, 'What are your opening hours?');
      latencies.push(performance.now() - t);
      expect(res.message.content).toBe('Nine to five.');
      await new Promise((r) => setTimeout(r, 50));
    }
    const finished = await done;
    expect(finished).toMatchObject({
      status: 'done',
      saved: 3000,
      result: { imported: 3000, batch_id: job.id },
    });
    expect(await pairsIn(owner.workspaceId)).toBe(3000);
    const p95 = quantile(latencies, 0.95);
    console.info(
      `chat during import: ${latencies.length} turns, p50 ${Math.round(quantile(latencies, 0.5))} ms, p95 ${Math.round(p95)} ms, max ${Math.round(Math.max(...latencies))} ms`,
    );
    const baselineP95 = quantile(baseline, 0.95);
    console.info(`chat without an import: p95 ${Math.round(baselineP95)} ms`);
    expect(latencies.length).toBeGreaterThan(5);
    // Under 1 s (the goal), unless the machine is so busy that chat alone is slow.
    expect(p95).toBeLessThan(Math.max(1000, 3 * baselineP95));
  });

  it('one running import per workspace (409), two per server (429 + Retry-After), a row limit (413)', async () => {
    const [a, b, c] = await Promise.all([
      signUpOwner(server.url),
      signUpOwner(server.url),
      signUpOwner(server.url),
    ]);
    const first = await startImport(a as AdminClient, csvOf(2000));
    expect(first.status).toBe(202);
    const again = await startImport(a as AdminClient, csvOf(10));
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error.code).toBe('conflict');
    const second = await startImport(b as AdminClient, csvOf(2000));
    expect(second.status).toBe(202);
    const third = await startImport(c as AdminClient, csvOf(10));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as any).error.code).toBe('rate_limited');
    await waitFor(a as AdminClient, ((await first.json()) as any).job.id);
    await waitFor(b as AdminClient, ((await second.json()) as any).job.id);
    expect((await startImport(c as AdminClient, csvOf(10))).status).toBe(202);

    const huge = await (c as AdminClient).request(
      'POST',
      '/api/admin/knowledge/import/preview',
      csvOf(50_001),
      {
        'content-type': 'text/csv',
      },
    );
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).error.code).toBe('payload_too_large');
  });

  it('a failing import removes what it had saved; a cut one is removed by recovery', async () => {
    const owner = await signUpOwner(server.url);
    // The real embedder, failing on its fourth batch (after three were committed).
    let calls = 0;
    const flaky: Embedder = {
      id: server.runtime.embedder.id,
      dimensions: server.runtime.embedder.dimensions,
      embed: (texts) => {
        if (++calls === 4) return Promise.reject(new Error('embedder went away'));
        return server.runtime.embedder.embed(texts);
      },
    };
    const jobs = createImportJobs({ db: server.db, embedder: flaky, logger: server.runtime.logger });
    const principal = { id: (await ownerIdOf(owner.workspaceId)) as string, email: owner.email };
    const job = await jobs.start(principal, csvOf(1000));
    let state = job;
    for (let i = 0; i < 200 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await jobs.get(principal, job.id)) ?? state;
    }
    expect(state.status).toBe('failed');
    expect(await pairsIn(owner.workspaceId)).toBe(0);

    // A crash mid-import: its rows committed, the job still "running" in the table.
    const cut = randomUUID();
    await server.db.query(
      'INSERT INTO import_jobs (id, workspace_id, total, done, saved) VALUES ($1, $2, 500, 200, 200)',
      [cut, owner.workspaceId],
    );
    await server.addPairs(owner.workspaceId, [
      { question: 'Kept: added by hand?', answer: 'Yes.', category: 'general' },
    ]);
    await server.db.query(
      `INSERT INTO qa_pairs (workspace_id, question, answer, metadata)
       SELECT $1, 'cut ' || g, 'a', jsonb_build_object('import_batch_id', $2::text) FROM generate_series(1, 200) g`,
      [owner.workspaceId, cut],
    );
    expect(await recoverInterruptedImports(server.db, server.runtime.logger, null)).toBe(1);
    expect(await pairsIn(owner.workspaceId)).toBe(1);
    expect((await owner.json('GET', `/api/admin/knowledge/import/${cut}`)).body.job).toMatchObject({
      status: 'failed',
    });
  });
});

async function ownerIdOf(workspaceId: string): Promise<string | undefined> {
  const [ws] = await server.db.query<{ owner_id: string }>('SELECT owner_id FROM workspaces WHERE id = $1', [
    workspaceId,
  ]);
  return ws?.owner_id;
}
