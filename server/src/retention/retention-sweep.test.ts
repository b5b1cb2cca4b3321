/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { runDailyRetention, startRetentionSweep, sweepRetention } from './retention-sweep';

const day = 24 * 3600_000;
let server: TestServer;

async function ask(workspaceId: string, session: string, message: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: session,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
}

async function counts(workspaceId: string) {
  const [row] = await server.db.query<{ sessions: number; gaps: number }>(
    `SELECT (SELECT count(*) FROM chat_sessions WHERE workspace_id = $1)::int AS sessions,
       (SELECT count(*) FROM qa_gaps WHERE workspace_id = $1)::int AS gaps`,
    [workspaceId],
  );
  return row;
}

async function workspaceWithChats(settings: Record<string, unknown>) {
  const owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  if (Object.keys(settings).length > 0)
    expect((await owner.json('PATCH', '/api/admin/settings', { settings })).status).toBe(200);
  await ask(owner.workspaceId, randomUUID(), q.paraphrase);
  await ask(owner.workspaceId, randomUUID(), q.unrelated); // files a gap
  return owner;
}

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

describe('retention: the daily sweep', () => {
  it('is off by default, and the setting is validated', async () => {
    const owner = await signUpOwner(server.url);
    const settings = (await owner.json('GET', '/api/admin/settings')).body.settings;
    expect(settings.retention_days).toBeNull();
    for (const bad of [0, 1.5, 4000, '30'])
      expect(
        (await owner.json('PATCH', '/api/admin/settings', { settings: { retention_days: bad } })).status,
      ).toBe(400);
    // The visitor-facing config does not carry it.
    const config = (await (
      await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`)
    ).json()) as any;
    expect(config.settings).not.toHaveProperty('retention_days');
  });

  it('deletes conversations older than the setting and their gaps once the clock has moved, nothing else', async () => {
    const kept = await workspaceWithChats({ retention_days: 30 });
    const off = await workspaceWithChats({});
    expect(await counts(kept.workspaceId)).toEqual({ sessions: 2, gaps: 1 });

    // 29 days on: nothing is old enough.
    expect(await sweepRetention(server.db, { now: new Date(Date.now() + 29 * day) })).toMatchObject({
      conversations: 0,
      gaps: 0,
    });
    expect(await counts(kept.workspaceId)).toEqual({ sessions: 2, gaps: 1 });

    // The clock moves 31 days: the daily sweep (claimed for that day) deletes them.
    const later = new Date(Date.now() + 31 * day);
    const result = await runDailyRetention(server.db, { now: later, logger: server.runtime.logger });
    expect(result).toMatchObject({ conversations: expect.any(Number), gaps: expect.any(Number) });
    expect(await counts(kept.workspaceId)).toEqual({ sessions: 0, gaps: 0 });
    expect((await kept.json('GET', '/api/admin/conversations')).body.total).toBe(0);
    // A workspace without the setting keeps everything.
    expect(await counts(off.workspaceId)).toEqual({ sessions: 2, gaps: 1 });
    // The same day again, on any instance: already done.
    expect(await runDailyRetention(server.db, { now: later })).toBeNull();
    const [run] = await server.db.query<{ finished_at: Date | null }>(
      `SELECT finished_at FROM maintenance_runs WHERE task = 'retention' AND day = $1::date`,
      [later.toISOString().slice(0, 10)],
    );
    expect(run?.finished_at).toBeInstanceOf(Date);
  });

  it('two sweeps at once (two instances) delete each conversation once and fail nothing', async () => {
    const owner = await workspaceWithChats({ retention_days: 7 });
    for (let i = 0; i < 6; i++) await ask(owner.workspaceId, randomUUID(), `question number ${i} about cats`);
    const before = await counts(owner.workspaceId);
    expect(before?.sessions).toBe(8);
    const now = new Date(Date.now() + 8 * day);
    const [x, y] = await Promise.all([
      sweepRetention(server.db, { now }),
      sweepRetention(server.db, { now }),
    ]);
    // Summed over both sweeps (other workspaces' old rows may be in them too): ours went once.
    expect((x?.conversations ?? 0) + (y?.conversations ?? 0)).toBeGreaterThanOrEqual(8);
    expect(await counts(owner.workspaceId)).toEqual({ sessions: 0, gaps: 0 });
    // Two daily runs claimed at once: one sweeps, the other stands down.
    const later = new Date(Date.now() + 40 * day);
    const runs = await Promise.all([
      runDailyRetention(server.db, { now: later }),
      runDailyRetention(server.db, { now: later }),
    ]);
    expect(runs.filter((r) => r === null)).toHaveLength(1);
  });

  it('the scheduler sweeps with its (moved) clock', async () => {
    const owner = await workspaceWithChats({ retention_days: 1 });
    const moved = new Date(Date.now() + 50 * day);
    const stop = startRetentionSweep(server.db, server.runtime.logger, {
      clock: () => moved,
      firstAfterMs: 10,
    });
    try {
      await expect
        .poll(() => counts(owner.workspaceId), { timeout: 10_000 })
        .toEqual({ sessions: 0, gaps: 0 });
    } finally {
      stop();
    }
  });
});
