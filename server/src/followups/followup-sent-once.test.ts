import { randomUUID } from 'node:crypto';
import { sendSlackFollowup } from '@clara/channel-slack';
import {
  type ClaimedFollowup,
  createUser,
  createWorkspace,
  type Database,
  listGapFollowups,
  migrate,
  openPg,
} from '@clara/supabase';
import { startWireDatabase, type WireDatabase } from '@clara/supabase/testing';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFollowupDispatcher, type FollowupSend } from './followup-dispatcher';

// Two senders (two pools on one database: native Postgres under scripts/test-postgres.sh, else
// PGlite behind pglite-socket) posting follow-ups to a fake Slack Web API with the Slack
// channel's real sender. A sender that dies after posting, or one slower than its lease, must
// never lead the other to post the same follow-up again.
const bot = { token: 'xoxb-777-sent-once-token', teamId: 'T0ONCE', botId: 'B0ONCE', botUserId: 'U0ONCE' };
let database: WireDatabase;
let slack: FakeSlackApi;
let a: Database;
let b: Database;
let ws: string;
let pairId: string;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await startWireDatabase({ maxConnections: 2 });
  slack = await startFakeSlackApi([bot]);
  const max = database.server === 'postgres' ? 4 : 1;
  a = await openPg({ connectionString: database.url, max });
  b = await openPg({ connectionString: database.url, max });
  if (database.server === 'pglite-socket') await migrate(a);
  ws = (await createWorkspace(a, (await createUser(a, `once-${randomUUID()}@example.com`, 'x')).id)).id;
  const [pair] = await a.query<{ id: string }>(
    `INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'Dogs?', 'Dogs on a lead are welcome.') RETURNING id`,
    [ws],
  );
  pairId = pair?.id ?? '';
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await slack?.close();
  await database?.stop();
});

/** Gaps asked in Slack threads and answered by the owner: the trigger writes their follow-ups. */
async function answeredSlackGaps(count: number): Promise<string[]> {
  const threads: string[] = [];
  for (let i = 0; i < count; i++) {
    const thread = `${1_700_000_000 + i}.${randomUUID().slice(0, 6)}`;
    const metadata = {
      channel: 'slack',
      slack: { team_id: bot.teamId, channel_id: 'C0ONCE', thread_ts: thread },
    };
    const [session] = await a.query<{ id: string }>(
      'INSERT INTO chat_sessions (workspace_id, session_token, metadata) VALUES ($1, $2, $3::jsonb) RETURNING id',
      [ws, `slack:${randomUUID()}`, JSON.stringify(metadata)],
    );
    const [gap] = await a.query<{ id: string }>(
      'INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, $2, $3) RETURNING id',
      [ws, `Question ${randomUUID()}?`, session?.id],
    );
    await a.query(`UPDATE qa_gaps SET status = 'resolved', resolved_qa_id = $2 WHERE id = $1`, [
      gap?.id,
      pairId,
    ]);
    threads.push(thread);
  }
  return threads;
}

/** The Slack channel's own sender, to the fake Web API. */
const postToSlack: FollowupSend = async (f: ClaimedFollowup, messageId) => {
  const place = (f.metadata as { slack: { channel_id: string; thread_ts: string } }).slack;
  await sendSlackFollowup(
    { botToken: bot.token, slackApiUrl: slack.url },
    {
      channelId: place.channel_id,
      threadTs: place.thread_ts,
      question: f.question,
      answer: f.answer,
      messageId,
    },
  );
};

/** How many times each thread got a follow-up posted. */
const postsPerThread = (threads: string[]) =>
  threads.map((t) => slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === t).length);

describe('a follow-up is posted at most once across senders', () => {
  it('is not posted again when its sender died after posting it', async () => {
    const [thread = ''] = await answeredSlackGaps(1);
    // Sender A posts, then never records the outcome (its process is gone).
    const dead = createFollowupDispatcher({
      db: a,
      logger: silent,
      leaseSeconds: 1,
      send: async (f, id) => {
        await postToSlack(f, id);
        await new Promise(() => {});
      },
    });
    void dead.runOnce();
    await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.args.thread_ts === thread);

    const errors: string[] = [];
    const other = createFollowupDispatcher({
      db: b,
      logger: { ...silent, error: (_fields: unknown, message?: string) => errors.push(message ?? '') },
      send: postToSlack,
    });
    // Within A's lease: B leaves it alone.
    expect(await other.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await sleep(1_300);
    // The lease ran out after A started sending: given up, never posted a second time.
    expect(await other.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await other.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(postsPerThread([thread])).toEqual([1]);
    const rows = await listGapFollowups(b, ws);
    expect(rows).toEqual([
      expect.objectContaining({ status: 'failed', last_error: 'send_outcome_unknown', attempts: 1 }),
    ]);
    expect(errors).toEqual([expect.stringMatching(/may have been delivered and is not sent again/)]);
  }, 60_000);

  it('two senders polling at once, each slower than its lease: every asker gets exactly one', async () => {
    await a.query(`DELETE FROM gap_followups WHERE workspace_id = $1`, [ws]);
    const threads = await answeredSlackGaps(8);
    // Every send outlasts the lease (0.3 s): before the fix, the other sender took the row over mid-send.
    const slow: FollowupSend = async (f, id) => {
      await sleep(450);
      await postToSlack(f, id);
    };
    const senders = [a, b].map((db) =>
      createFollowupDispatcher({ db, logger: silent, send: slow, leaseSeconds: 0.3, batch: 3 }),
    );
    const deadline = Date.now() + 40_000;
    const done = async () => (await listGapFollowups(a, ws)).every((r) => r.status === 'sent');
    await Promise.all(
      senders.map(async (sender) => {
        while (!(await done()) && Date.now() < deadline) {
          await sender.runOnce();
          await sleep(20);
        }
      }),
    );
    expect(postsPerThread(threads)).toEqual(threads.map(() => 1));
    const rows = await listGapFollowups(a, ws);
    expect(rows.map((r) => r.status)).toEqual(threads.map(() => 'sent'));
    // Each asker's session holds the follow-up once.
    const sessions = await a.query<{ n: number }>(
      `SELECT jsonb_array_length(messages)::int AS n FROM chat_sessions WHERE workspace_id = $1
         AND metadata->'slack'->>'thread_ts' = ANY($2::text[])`,
      [ws, threads],
    );
    expect(sessions.map((s) => s.n)).toEqual(threads.map(() => 1));
  }, 90_000);
});
