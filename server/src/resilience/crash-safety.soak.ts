/* biome-ignore-all lint/suspicious/noExplicitAny: stored rows are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replyIdFor } from '@clara/core';
import { openPglite } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatJson, newTurn } from '../../test/resilience/chat-driver';
import { claraEnv, killHard, runClara, serveClara, spawnClara } from '../../test/resilience/clara-process';
import { pairs } from '../../test/resilience/harness';
import { report } from '../../test/resilience/report';

// kill -9 of a real `clara` process over an embedded PGlite data directory, then a restart.
const dataDir = mkdtempSync(join(tmpdir(), 'clara-crash-'));
const env = claraEnv(dataDir);
const rows = 10_000;
const csv = join(dataDir, '..', `clara-crash-${randomUUID()}.csv`);
let workspaceId = '';

/** Opens the data directory the way `clara` does after a crash, and reads what is stored. */
async function inspect<T>(read: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>): Promise<T> {
  const db = await openPglite({ dataDir });
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

const batchesOf = (ws: string) =>
  inspect((db) =>
    db.query<{ batch: string | null; n: number }>(
      `SELECT metadata->>'import_batch_id' AS batch, count(*)::int AS n FROM qa_pairs WHERE workspace_id = $1 GROUP BY 1`,
      [ws],
    ),
  );
const totalIn = async (ws: string) => (await batchesOf(ws)).reduce((n, b) => n + b.n, 0);

beforeAll(async () => {
  const lines = ['question,answer,category'];
  for (let i = 0; i < rows; i++)
    lines.push(`"Question ${i}: how does part ${i} fit, exactly?",Answer ${i}.,general`);
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const created = await runClara(
    ['workspace', 'create', '--email', 'crash@example.com', '--password', 'a long password 123'],
    env,
  );
  expect(created.code, created.stderr).toBe(0);
  workspaceId = JSON.parse(created.stdout).workspace_id;
}, 180_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(csv, { force: true });
});

describe('crash safety: kill -9 and restart over the embedded database', () => {
  it(`a ${rows.toLocaleString('en')}-row CSV import killed at several points is all there or absent`, async () => {
    // A complete import first, timed, so the kills below land late, up to the commit itself.
    const started = performance.now();
    const full = await runClara(['import', csv, '--workspace', workspaceId], env, 300_000);
    expect(full.code, full.stderr).toBe(0);
    const fullMs = performance.now() - started;
    expect(await totalIn(workspaceId)).toBe(rows);

    const victim = JSON.parse(
      (
        await runClara(
          ['workspace', 'create', '--email', 'victim@example.com', '--password', 'a long password 123'],
          env,
        )
      ).stdout,
    ).workspace_id as string;
    const outcomes: { killAtMs: number; killed: boolean; stored: number }[] = [];
    for (const fraction of [0.7, 0.95]) {
      const killAtMs = Math.round(fullMs * fraction);
      const run = spawnClara(['import', csv, '--workspace', victim], env);
      const finished = await Promise.race([
        run.exited.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), killAtMs)),
      ]);
      if (!finished) await killHard(run.child, run.exited);
      const stored = await batchesOf(victim);
      const total = stored.reduce((n, b) => n + b.n, 0);
      outcomes.push({ killAtMs, killed: !finished, stored: total });
      // All or nothing, and all of one import batch.
      expect([0, rows]).toContain(total);
      expect(stored.length).toBeLessThanOrEqual(1);
      if (total === rows) break;
    }
    const last = await runClara(['import', csv, '--workspace', victim], env, 300_000);
    expect(last.code, last.stderr).toBe(0);
    const total = await totalIn(victim);
    report('crash-import', { rows, full_import_ms: Math.round(fullMs), outcomes, after_reimport: total });
    expect(total).toBe(rows);
  }, 900_000);

  it('a burst of chat turns killed mid-way: every acknowledged message is there after a restart', async () => {
    const first = await serveClara(env);
    const acked: { body: ReturnType<typeof newTurn>; reply: any }[] = [];
    const unacked: ReturnType<typeof newTurn>[] = [];
    let killed = false;
    const sessions = Array.from({ length: 20 }, async () => {
      const token = randomUUID();
      while (!killed) {
        const question = pairs[acked.length % pairs.length]?.question as string;
        const body = newTurn(workspaceId, token, question);
        try {
          const res = await chatJson(first.url, body, 20_000);
          if (res.status === 200) acked.push({ body, reply: res.body.message });
          else unacked.push(body);
        } catch {
          unacked.push(body);
          return;
        }
      }
    });
    const burstStarted = performance.now();
    while (acked.length < 40 && performance.now() - burstStarted < 30_000)
      await new Promise((r) => setTimeout(r, 100));
    killed = true;
    await killHard(first.child, first.exited);
    await Promise.all(sessions);
    expect(acked.length).toBeGreaterThan(0);

    const second = await serveClara(env);
    try {
      let missing = 0;
      for (const { body, reply } of acked) {
        const history = await fetch(
          `${second.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${body.session_token}`,
        ).then((r) => r.json() as Promise<{ messages: any[] }>);
        const ids = history.messages.map((m) => m.message_id);
        if (!ids.includes(body.message_id) || !ids.includes(reply.message_id)) missing++;
        expect(new Set(ids).size).toBe(ids.length);
      }
      // A turn cut by the crash is completed by a retry of its message_id (after the in-flight lease).
      const retried = unacked.slice(0, 3);
      const retryStarted = performance.now();
      const retries = await Promise.all(retried.map((body) => chatJson(second.url, body, 60_000)));
      for (const [i, res] of retries.entries()) {
        expect(res.status).toBe(200);
        expect(res.body.message.message_id).toBe(replyIdFor(retried[i]?.message_id as string));
      }
      report('crash-chat', {
        acknowledged: acked.length,
        cut_by_the_crash: unacked.length,
        missing_after_restart: missing,
        retry_of_cut_turn_ms: Math.round(performance.now() - retryStarted),
      });
      expect(missing).toBe(0);
    } finally {
      await killHard(second.child, second.exited);
    }
  }, 300_000);
});
