import { randomUUID } from 'node:crypto';
import { listGapFollowups, upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from '@clara/testkit/slack';
import {
  type FakeBotConnector,
  type FakeBotIdentity,
  startFakeBotConnector,
  startFakeBotIdentity,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from '../channels/slack-connections';
import { connectTeamsBot } from '../channels/teams-bots';
import { createFollowupDispatcher, type FollowupDispatcher, followupMessageId } from './followup-dispatcher';
import { createFollowupSend } from './followup-senders';

// Slack or the Bot Connector accepts the follow-up, then the answer is lost: the connection is
// reset, or the answer comes after the client's timeout. The real senders, against the fakes
// (Slack's with message ts on the wall clock, as Slack's are), on the real database.
const slackApp = {
  token: 'xoxb-555-ambiguous-token',
  teamId: 'T0AMBIG',
  botId: 'B0AMBIG',
  botUserId: 'U0AMBIG',
};
const bot = { appId: '6a1d5c1e-0000-4000-8000-0000000a0b1c', password: 'ambiguous-bot-password-Ww2~secret' };
// The clients' timeout in this suite (defaults: Slack 10 s, Bot Connector 15 s).
const timeoutMs = 1_000;

let slack: FakeSlackApi;
let connector: FakeBotConnector;
let identity: FakeBotIdentity;
let server: TestServer;
let dispatcher: FollowupDispatcher;
let workspaceId: string;
let pairId: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  slack = await startFakeSlackApi([slackApp], { wallClock: true });
  connector = await startFakeBotConnector();
  identity = await startFakeBotIdentity();
  identity.registerApp(bot.appId, bot.password);
  server = await startTestServer({
    env: {
      SLACK_API_URL: slack.url,
      TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      TEAMS_TOKEN_ISSUER: identity.issuer,
      TEAMS_LOGIN_URL: identity.loginUrl,
      TEAMS_SERVICE_HOSTS: '127.0.0.1',
    },
  });
  ({ workspaceId } = await server.createWorkspace());
  const [pair] = await server.db.query<{ id: string }>(
    `INSERT INTO qa_pairs (workspace_id, question, answer) VALUES ($1, 'Dogs?', 'Dogs on a lead are welcome.') RETURNING id`,
    [workspaceId],
  );
  pairId = pair?.id ?? '';
  await upsertChannelConnection(server.db, {
    workspaceId,
    channel: 'slack',
    externalId: slackApp.teamId,
    encryptedCredentials: encryptSlackCredentials(
      { bot_token: slackApp.token, signing_secret: 'ambiguous-signing-secret' },
      server.runtime.masterKey,
    ),
  });
  await connectTeamsBot(server.db, server.runtime.masterKey, {
    workspaceId,
    appId: bot.appId,
    credentials: { app_password: bot.password, app_type: 'MultiTenant' },
  });
  dispatcher = createFollowupDispatcher({
    db: server.db,
    logger: server.runtime.logger,
    send: createFollowupSend(server.runtime, { slackMs: timeoutMs, teamsMs: timeoutMs }),
    backoffMs: 100,
  });
});

afterAll(async () => {
  await dispatcher?.stop();
  await server?.close();
  await slack?.close();
  await connector?.close();
  await identity?.close();
});

/** A gap asked in `metadata`'s place, answered by the owner: the trigger writes its follow-up. */
async function answeredGap(metadata: Record<string, unknown>): Promise<string> {
  const [session] = await server.db.query<{ id: string }>(
    'INSERT INTO chat_sessions (workspace_id, session_token, metadata) VALUES ($1, $2, $3::jsonb) RETURNING id',
    [workspaceId, `${metadata.channel}:${randomUUID()}`, JSON.stringify(metadata)],
  );
  const [gap] = await server.db.query<{ id: string }>(
    'INSERT INTO qa_gaps (workspace_id, question, session_id) VALUES ($1, $2, $3) RETURNING id',
    [workspaceId, `Question ${randomUUID()}?`, session?.id],
  );
  await server.db.query(`UPDATE qa_gaps SET status = 'resolved', resolved_qa_id = $2 WHERE id = $1`, [
    gap?.id,
    pairId,
  ]);
  return gap?.id ?? '';
}

const row = async (gapId: string) =>
  (await listGapFollowups(server.db, workspaceId)).find((f) => f.gap_id === gapId);
/** The follow-up's message in the asker's session, however many times it was stored. */
const stored = async (gapId: string) => {
  const [s] = await server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_sessions s, jsonb_array_elements(s.messages) m
     WHERE s.id = (SELECT session_id FROM gap_followups WHERE gap_id = $1) AND m->>'message_id' = $2`,
    [gapId, followupMessageId(gapId)],
  );
  return s?.n;
};
/** The server's first log line about this gap's follow-up that starts with `message`. */
const logFor = (gapId: string, message: string) =>
  server.logs.map((l) => JSON.parse(l)).find((l) => l.gap_id === gapId && String(l.msg).startsWith(message));
const postsTo = (channel: string) =>
  slack.callsTo('chat.postMessage').filter((c: SlackApiCall) => c.args.channel === channel);

describe('a follow-up Slack accepted but whose answer was lost', () => {
  it('connection reset after the post: found in the thread by its metadata, not posted again', async () => {
    const thread = `${Math.floor(Date.now() / 1000) - 60}.000100`;
    const gapId = await answeredGap({
      channel: 'slack',
      slack: { team_id: slackApp.teamId, channel_id: 'C0RESET', thread_ts: thread },
    });
    slack.failAfterAccepting('chat.postMessage', { kind: 'reset' });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(postsTo('C0RESET')).toHaveLength(1);
    await sleep(150);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });

    // One message in the thread: the post carried the follow-up's id in its metadata, and the
    // retry read the thread (since the first attempt) instead of posting.
    const [post] = postsTo('C0RESET');
    expect(postsTo('C0RESET')).toHaveLength(1);
    expect(post?.args.thread_ts).toBe(thread);
    expect(post?.args.metadata).toEqual({
      event_type: 'clara_gap_followup',
      event_payload: { message_id: followupMessageId(gapId) },
    });
    const [lookup] = slack.callsTo('conversations.replies').filter((c) => c.args.channel === 'C0RESET');
    expect(lookup?.args).toMatchObject({ ts: thread, include_all_metadata: 'true' });
    expect(Number(lookup?.args.oldest)).toBeGreaterThan(Date.now() / 1000 - 3600);
    expect(await row(gapId)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(await stored(gapId)).toBe(1);
    expect(logFor(gapId, 'follow-up may have been delivered')).toMatchObject({ error: 'connection_lost' });
  });

  it('answer later than the client timeout, in a DM: found in the conversation history', async () => {
    const gapId = await answeredGap({
      channel: 'slack',
      slack: { team_id: slackApp.teamId, channel_id: 'D0SLOW', thread_ts: null },
    });
    slack.failAfterAccepting('chat.postMessage', { kind: 'delay', ms: timeoutMs * 3 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    await sleep(150);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(postsTo('D0SLOW')).toHaveLength(1);
    expect(slack.callsTo('conversations.history').filter((c) => c.args.channel === 'D0SLOW')).toHaveLength(1);
    expect(await row(gapId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await stored(gapId)).toBe(1);
    expect(logFor(gapId, 'follow-up may have been delivered')).toMatchObject({ error: 'timeout' });
    expect(logFor(gapId, 'follow-up found delivered by an earlier attempt')).toBeDefined();
  });

  it('gives up rather than post again when the thread cannot be read (missing_scope)', async () => {
    const thread = `${Math.floor(Date.now() / 1000) - 60}.000200`;
    const gapId = await answeredGap({
      channel: 'slack',
      slack: { team_id: slackApp.teamId, channel_id: 'G0NOSCOPE', thread_ts: thread },
    });
    slack.failAfterAccepting('chat.postMessage', { kind: 'reset' });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    slack.failNext('conversations.replies', 'missing_scope');
    await sleep(150);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(postsTo('G0NOSCOPE')).toHaveLength(1);
    expect(await row(gapId)).toMatchObject({ status: 'failed', last_error: 'send_outcome_unknown' });
  });
});

describe('a follow-up the Bot Connector accepted but whose answer was lost (Teams: at most once)', () => {
  for (const fault of [{ kind: 'reset' as const }, { kind: 'delay' as const, ms: timeoutMs * 3 }]) {
    it(`${fault.kind}: one message, never posted again, given up as send_outcome_unknown`, async () => {
      const conversationId = `a:ambiguous-${fault.kind}-${randomUUID()}`;
      const gapId = await answeredGap({
        channel: 'teams',
        conversation_id: conversationId,
        conversation_type: 'personal',
        service_url: connector.url,
        bot_app_id: bot.appId,
        bot_id: `28:${bot.appId}`,
      });
      connector.failAfterAccepting(fault);
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
      await sleep(timeoutMs * 3);
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
      // One POST: no hidden retry by an HTTP pipeline either.
      const sent = connector.calls.filter((c) => c.conversationId === conversationId);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.replyToId).toBeNull();
      expect(identity.issuedTokens.get(String(sent[0]?.authorization).replace(/^Bearer /, ''))).toBe(
        bot.appId,
      );
      expect(await row(gapId)).toMatchObject({
        status: 'failed',
        attempts: 1,
        last_error: 'send_outcome_unknown',
      });
      expect(logFor(gapId, 'follow-up given up')).toMatchObject({
        level: 50,
        error: fault.kind === 'reset' ? 'connection_lost' : 'timeout',
      });
      expect(server.logs.join('\n')).not.toContain(bot.password);
    });
  }
});
