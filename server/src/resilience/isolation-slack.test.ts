/**
 * Isolation on the Slack routes (issue 11, item 7): the owner of Slack team B (connected to
 * Clara workspace B) signs requests with B's app and names team A, or carries A's ids inside
 * B's own events. Routing is by the verified team: nothing of A's knowledge base reaches B,
 * nothing of A changes, and B cannot swallow A's deliveries by claiming their event ids first.
 */
import { randomUUID } from 'node:crypto';
import { blockActionsBody, eventEnvelope } from '@clara/channel-slack/testing';
import { upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../test/resilience/report';
import { answerIn, postToSlack } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from '../channels/slack-connections';

const apps = {
  a: { token: 'xoxb-1-alpha-token', secret: 'alpha-signing-secret-1', teamId: 'T0ALPHA', bot: 'U0BOTA' },
  b: { token: 'xoxb-2-bravo-token', secret: 'bravo-signing-secret-2', teamId: 'T0BRAVO', bot: 'U0BOTB' },
};
const question = 'What are your opening hours?';
let server: TestServer;
let slack: FakeSlackApi;
const ws = { a: '', b: '' };
const tally = { attempts: 0, crossReads: 0, crossWrites: 0 };
let seq = 0;

const mention = (bot: string, text: string, extra: Record<string, unknown> = {}) => {
  const ts = `1900000${String(++seq).padStart(3, '0')}.000100`;
  return {
    ts,
    event: {
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${bot}> ${text}`,
      ts,
      channel: 'C0X',
      event_ts: ts,
      ...extra,
    },
  };
};

const snapshotA = () =>
  Promise.all([
    server.db.query('SELECT * FROM chat_sessions WHERE workspace_id = $1 ORDER BY id', [ws.a]),
    server.db.query('SELECT * FROM qa_gaps WHERE workspace_id = $1 ORDER BY id', [ws.a]),
  ]).then((parts) => JSON.stringify(parts));

/** Everything Clara posted to Slack so far, as text, to look for A's answers. */
const postedText = (from = 0) => JSON.stringify(slack.calls.slice(from).map((c) => c.args));

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: apps.a.token, teamId: apps.a.teamId, botId: 'B0A', botUserId: apps.a.bot },
    { token: apps.b.token, teamId: apps.b.teamId, botId: 'B0B', botUserId: apps.b.bot },
  ]);
  server = await startTestServer({ env: { SLACK_API_URL: slack.url, LOG_LEVEL: 'warn' } });
  for (const key of ['a', 'b'] as const) {
    const marker = key === 'a' ? 'ALPHA' : 'BRAVO';
    ws[key] = (await server.createWorkspace()).workspaceId;
    await server.addPairs(ws[key], [{ question, answer: `${marker} is open 9 to 5.`, category: 'general' }]);
    await upsertChannelConnection(server.db, {
      workspaceId: ws[key],
      channel: 'slack',
      externalId: apps[key].teamId,
      encryptedCredentials: encryptSlackCredentials(
        { bot_token: apps[key].token, signing_secret: apps[key].secret },
        server.runtime.masterKey,
      ),
    });
  }
}, 120_000);
afterAll(async () => {
  report('isolation-public', { slack: { ...tally } });
  await server?.close();
  await slack?.close();
});

describe('a Slack team connected to B against workspace A', () => {
  it("cannot reach A's knowledge base by naming A's team, in events or in button clicks", async () => {
    const before = await snapshotA();
    const from = slack.calls.length;
    const { ts, event } = mention(apps.a.bot, question);
    const attempts = [
      () => postToSlack(server.url, apps.b.secret, eventEnvelope(apps.a.teamId, event)),
      () =>
        postToSlack(
          server.url,
          apps.b.secret,
          blockActionsBody({
            teamId: apps.a.teamId,
            userId: 'U0ASKER',
            channelId: 'C0X',
            message: { ts },
            actionId: 'clara_chip_0',
            value: question,
          }),
          { path: '/slack/interactions' },
        ),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      tally.attempts++;
      const text = await res.text();
      expect(res.status, text).toBe(401);
      if (text.includes('ALPHA')) tally.crossReads++;
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.slice(from).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    if ((await snapshotA()) !== before) tally.crossWrites++;
  });

  it("answers B's own event from B's knowledge base even when it carries A's team and bot ids inside", async () => {
    const before = await snapshotA();
    const from = slack.calls.length;
    const { ts, event } = mention(apps.a.bot, question, { team: apps.a.teamId, user_team: apps.a.teamId });
    const res = await postToSlack(server.url, apps.b.secret, eventEnvelope(apps.b.teamId, event));
    tally.attempts++;
    expect(res.status).toBe(200);
    const answer = await answerIn(slack, 'C0X', ts);
    expect(answer.final.token).toBe(apps.b.token);
    expect(answer.text).toContain('BRAVO');
    if (postedText(from).includes('ALPHA')) tally.crossReads++;
    if ((await snapshotA()) !== before) tally.crossWrites++;
    const [row] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chat_sessions WHERE workspace_id = $1 AND session_token LIKE $2',
      [ws.b, `slack:${apps.b.teamId}:%`],
    );
    expect(row?.n).toBe(1);
  });

  it("cannot swallow A's delivery by claiming its event id first", async () => {
    const eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    const first = mention(apps.b.bot, 'Can I return an item?', { channel: 'C0B' });
    const res = await postToSlack(
      server.url,
      apps.b.secret,
      eventEnvelope(apps.b.teamId, first.event, eventId),
    );
    tally.attempts++;
    expect(res.status).toBe(200);
    await answerIn(slack, 'C0B', first.ts);
    // A's own delivery with the same event id is still answered, from A.
    const own = mention(apps.a.bot, question, { channel: 'C0A' });
    expect(
      (await postToSlack(server.url, apps.a.secret, eventEnvelope(apps.a.teamId, own.event, eventId))).status,
    ).toBe(200);
    const answer = await answerIn(slack, 'C0A', own.ts);
    expect(answer.final.token).toBe(apps.a.token);
    expect(answer.text).toContain('ALPHA');
  });

  it('counted: zero cross-tenant reads, zero changes', () => {
    expect(tally).toEqual({ attempts: 4, crossReads: 0, crossWrites: 0 });
  });
});
