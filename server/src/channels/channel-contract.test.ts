import { randomUUID } from 'node:crypto';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import {
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToSlack } from '../../test/slack-test-kit';
import { createWorkspaceWithId, postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';

/**
 * One contract every channel passes (web, Slack, Teams): the same question gets the same
 * grounded answer, each conversation is one session row tagged with its channel, and an
 * unanswerable question files one gap, linked to that session, across all channels.
 */
interface ChannelDriver {
  name: 'web' | 'slack' | 'teams';
  /** Starts a new conversation; returns its session token and a function to ask in it. */
  open(): { sessionToken: string; ask(text: string): Promise<void> };
}

const workspaceId = randomUUID();
const slackApp = {
  token: 'xoxb-contract-token',
  secret: 'contract-signing-secret',
  teamId: 'T0CON',
  botId: 'B0CON',
  botUserId: 'U0CON',
};
const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'Can I return an item?',
    answer: 'Returns are accepted within 30 days.',
    category: 'retention',
  },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
];

let server: TestServer;
let slack: FakeSlackApi;
let connector: FakeBotConnector;
let seq = 0;
/** What each channel stored for the same question, compared across channels at the end. */
const decisions = new Map<string, unknown>();

const drivers: ChannelDriver[] = [
  {
    name: 'web',
    open() {
      const sessionToken = randomUUID();
      return {
        sessionToken,
        async ask(message) {
          const res = await fetch(`${server.url}/api/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              workspace_id: workspaceId,
              session_token: sessionToken,
              message_id: randomUUID(),
              message,
            }),
          });
          expect(res.status).toBe(200);
        },
      };
    },
  },
  {
    name: 'slack',
    open() {
      const channel = `D0C${++seq}`;
      return {
        sessionToken: `slack:${slackApp.teamId}:${channel}:dm`,
        async ask(text) {
          const ts = `1800001${String(++seq).padStart(3, '0')}.000100`;
          const event = { type: 'message', channel, channel_type: 'im', user: 'U0ASKER', text, ts };
          const res = await postToSlack(server.url, slackApp.secret, eventEnvelope(slackApp.teamId, event));
          expect(res.status).toBe(200);
        },
      };
    },
  },
  {
    name: 'teams',
    open() {
      const conversation = newConversation('personal');
      const activities = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-contract-bot' });
      const user = newUser('Grace Hopper');
      return {
        sessionToken: `teams:${conversation.id}`,
        async ask(text) {
          const activity = activities.message(conversation, user, text);
          const res = await postActivity(server, activity);
          expect(res.status).toBe(200);
          // A turn slower than the ack window is answered after the POST.
          await connector.waitFor(
            (c) => c.replyToId === activity.id && c.activity.type === 'message',
            10_000,
          );
        },
      };
    },
  },
];

interface SessionRow {
  id: string;
  metadata: { channel?: string };
  messages: { role: string; content: string; gap_detected?: boolean; matched_qa_ids?: string[] }[];
}

/** Channels may answer after acking (Slack does): wait until the session holds `count` messages. */
async function sessionWith(sessionToken: string, count: number): Promise<SessionRow> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await server.db.query<SessionRow>(
      'SELECT id, metadata, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
      [workspaceId, sessionToken],
    );
    if (row && row.messages.length >= count) return row;
    if (Date.now() > deadline)
      throw new Error(`session ${sessionToken} has ${row?.messages.length ?? 0} messages`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  slack = await startFakeSlackApi([slackApp]);
  connector = await startFakeBotConnector();
  server = await startTestServer({
    env: {
      SLACK_SIGNING_SECRET: slackApp.secret,
      SLACK_BOT_TOKEN: slackApp.token,
      SLACK_WORKSPACE_ID: workspaceId,
      SLACK_API_URL: slack.url,
      TEAMS_WORKSPACE_ID: workspaceId,
    },
  });
  await createWorkspaceWithId(server, workspaceId);
  await server.addPairs(workspaceId, pairs);
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
  await connector?.close();
});

describe.each(drivers)('channel contract: $name', (driver) => {
  it('gives the grounded answer, keeps one tagged session row per conversation', async () => {
    const conversation = driver.open();
    await conversation.ask('What are your opening hours?');
    await sessionWith(conversation.sessionToken, 2);
    await conversation.ask('Can I return an item?');
    const session = await sessionWith(conversation.sessionToken, 4);
    expect(session.metadata.channel).toBe(driver.name);
    expect(session.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(session.messages[1]).toMatchObject({ content: pairs[0]?.answer, gap_detected: false });
    expect(session.messages[3]).toMatchObject({ content: pairs[1]?.answer, gap_detected: false });
    const first = session.messages[1] as SessionRow['messages'][0] & { suggestion_chips?: string[] };
    decisions.set(`${driver.name}:answer`, {
      content: first.content,
      chips: first.suggestion_chips,
      matched: first.matched_qa_ids,
    });
    const rows = await server.db.query('SELECT id FROM chat_sessions WHERE session_token = $1', [
      conversation.sessionToken,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('files one open gap for an unanswerable question, linked to the first session that asked it', async () => {
    const question = 'Do you repair vintage typewriters?';
    const conversation = driver.open();
    await conversation.ask(question);
    const session = await sessionWith(conversation.sessionToken, 2);
    expect(session.messages[1]?.gap_detected).toBe(true);
    const gaps = await server.db.query<{ session_id: string }>(
      "SELECT session_id FROM qa_gaps WHERE workspace_id = $1 AND lower(question) = lower($2) AND status = 'open'",
      [workspaceId, question],
    );
    // The same question from every channel: still one open gap.
    expect(gaps).toHaveLength(1);
    if (driver.name === 'web') expect(gaps[0]?.session_id).toBe(session.id);
    decisions.set(`${driver.name}:gap`, session.messages[1]?.gap_detected);
  });
});

describe('channel contract: across channels', () => {
  it('the same question gets the same answer, chips, matches and gap decision everywhere', () => {
    const web = { answer: decisions.get('web:answer'), gap: decisions.get('web:gap') };
    expect(web.answer).toBeDefined();
    expect((web.answer as { chips: string[] }).chips.length).toBeGreaterThan(0);
    for (const name of ['slack', 'teams']) {
      expect(decisions.get(`${name}:answer`)).toEqual(web.answer);
      expect(decisions.get(`${name}:gap`)).toBe(web.gap);
    }
  });
});
