import { suggestedPromptsTitle } from '@clara/channel-slack';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToSlack, slackSession } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { encryptSlackCredentials } from './slack-connections';

// Slack's AI app surfaces end to end: signed assistant-thread events into the real server,
// Clara's Web API calls recorded by the fake Slack (which refuses assistant methods to non-AI apps).

const ai = {
  token: 'xoxb-ai-app-token-1',
  secret: 'ai-signing-secret-1111',
  teamId: 'T0AI',
  botId: 'B0AI',
  botUserId: 'U0CLARA',
};
const welcome = 'Hello from Brightside! Ask me about opening hours or shipping.';
const suggested = [
  'What are your opening hours?',
  'How much does shipping cost?',
  'Can I return an item?',
  'Do you repair bikes?',
  'Where are you?',
];

let slack: FakeSlackApi;
let server: TestServer;
let workspaceId: string;
let seq = 0;
const nextTs = () => `1820000${String(++seq).padStart(3, '0')}.000300`;

beforeAll(async () => {
  slack = await startFakeSlackApi([
    { token: ai.token, teamId: ai.teamId, botId: ai.botId, botUserId: ai.botUserId, assistant: true },
  ]);
  server = await startTestServer({ env: { SLACK_API_URL: slack.url } });
  ({ workspaceId } = await server.createWorkspace({
    settings: { welcome_message: welcome, suggested_messages: suggested },
  }));
  await server.addPairs(workspaceId, [
    {
      question: 'What are your opening hours?',
      answer: 'We are open 9 to 5, Monday to Friday.',
      category: 'visiting',
    },
    { question: 'Do you ship abroad?', answer: 'We ship within the EU only.', category: 'shipping' },
    {
      question: 'How much does shipping cost?',
      answer: 'Shipping is free over $50, otherwise $5.',
      category: 'shipping',
    },
  ]);
  await upsertChannelConnection(server.db, {
    workspaceId,
    channel: 'slack',
    externalId: ai.teamId,
    encryptedCredentials: encryptSlackCredentials(
      { bot_token: ai.token, signing_secret: ai.secret },
      server.runtime.masterKey,
    ),
  });
});

afterAll(async () => {
  await server?.close();
  await slack?.close();
});

async function send(event: Record<string, unknown>) {
  const res = await postToSlack(server.url, ai.secret, eventEnvelope(ai.teamId, event));
  expect(res.status).toBe(200);
}

/** Calls the fake received in a DM thread, as `method` names, in order. */
const sequenceIn = (channel: string, threadTs: string) =>
  slack.calls
    .filter(
      (c) =>
        (c.args.channel === channel || c.args.channel_id === channel) &&
        (c.args.thread_ts === threadTs || c.method === 'users.info'),
    )
    .map((c) => c.method)
    .filter((m) => m !== 'users.info');

describe('Slack assistant threads', () => {
  it('greets a new thread with the welcome message and the first four suggested messages as prompts', async () => {
    const root = nextTs();
    await send({
      type: 'assistant_thread_started',
      assistant_thread: {
        user_id: 'U0ANA',
        context: { channel_id: 'C0GENERAL', team_id: ai.teamId, enterprise_id: null },
        channel_id: 'D0AI1',
        thread_ts: root,
      },
      event_ts: nextTs(),
    });
    const prompts = await slack.waitForCall(
      (c) => c.method === 'assistant.threads.setSuggestedPrompts' && c.args.channel_id === 'D0AI1',
    );
    expect(prompts.response).toEqual({ ok: true });
    expect(prompts.token).toBe(ai.token);
    expect(prompts.args).toMatchObject({
      thread_ts: root,
      title: suggestedPromptsTitle,
      prompts: suggested.slice(0, 4).map((message) => ({ title: message, message })),
    });
    expect(sequenceIn('D0AI1', root)).toEqual(['chat.postMessage', 'assistant.threads.setSuggestedPrompts']);
    expect(slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'D0AI1')?.args).toMatchObject({
      thread_ts: root,
      text: welcome,
    });
    // Opening a thread is not a conversation yet: no session is stored.
    expect(await slackSession(server.db, workspaceId, `slack:${ai.teamId}:D0AI1:${root}`)).toBeUndefined();
  });

  it('answers a prompt with status, the thread title from the first question, then the answer', async () => {
    const root = nextTs();
    await send({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U0ANA', context: {}, channel_id: 'D0AI2', thread_ts: root },
      event_ts: nextTs(),
    });
    await slack.waitForCall(
      (c) => c.method === 'assistant.threads.setSuggestedPrompts' && c.args.channel_id === 'D0AI2',
    );
    // A click on a suggested prompt arrives as the person's message in the thread.
    await send({
      type: 'message',
      channel: 'D0AI2',
      channel_type: 'im',
      user: 'U0ANA',
      text: suggested[1],
      ts: nextTs(),
      thread_ts: root,
    });
    const answer = await slack.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'D0AI2' && Array.isArray(c.args.blocks),
    );
    expect(JSON.stringify(answer.args.blocks)).toContain('Shipping is free over $50');
    expect(
      slack.callsTo('assistant.threads.setTitle').find((c) => c.args.channel_id === 'D0AI2')?.args,
    ).toMatchObject({
      thread_ts: root,
      title: 'How much does shipping cost?',
    });
    expect(sequenceIn('D0AI2', root)).toEqual([
      'chat.postMessage', // welcome
      'assistant.threads.setSuggestedPrompts',
      'assistant.threads.setStatus',
      'assistant.threads.setTitle',
      'chat.postMessage', // the answer (posting clears the status)
    ]);
    // A follow-up in the same thread: status and answer, the title stays the first question's.
    await send({
      type: 'message',
      channel: 'D0AI2',
      channel_type: 'im',
      user: 'U0ANA',
      text: 'What are your opening hours?',
      ts: nextTs(),
      thread_ts: root,
    });
    await expect.poll(() => sequenceIn('D0AI2', root).length, { timeout: 10_000 }).toBe(7);
    expect(sequenceIn('D0AI2', root).slice(5)).toEqual(['assistant.threads.setStatus', 'chat.postMessage']);
    const session = await slackSession(server.db, workspaceId, `slack:${ai.teamId}:D0AI2:${root}`);
    expect(session?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    // The stored answers are the turns' own, not Slack's rendering.
    expect(session?.messages[1]?.content).toContain('Shipping is free over $50');
  });
});

describe('Slack App Home', () => {
  it('publishes a Home tab with the suggested questions and the largest categories, only for the Home tab', async () => {
    const publishes = () => slack.callsTo('views.publish').filter((c) => c.args.user_id === 'U0HOME');
    await send({
      type: 'app_home_opened',
      user: 'U0HOME',
      channel: 'D0HOME',
      tab: 'messages',
      event_ts: nextTs(),
    });
    await send({
      type: 'app_home_opened',
      user: 'U0HOME',
      channel: 'D0HOME',
      tab: 'home',
      event_ts: nextTs(),
    });
    const publish = await slack.waitForCall(
      (c) => c.method === 'views.publish' && c.args.user_id === 'U0HOME',
    );
    expect(publish.token).toBe(ai.token);
    expect(publish.response).toMatchObject({ ok: true, view: { type: 'home' } });
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    for (const question of suggested) expect(text).toContain(`• ${question}`);
    // Largest category first; its phrasings would not count (none here).
    expect(text).toContain('*Topics*\\n• shipping: 2 answers\\n• visiting: 1 answer');
    await new Promise((r) => setTimeout(r, 300));
    expect(publishes()).toHaveLength(1);
  });
});
