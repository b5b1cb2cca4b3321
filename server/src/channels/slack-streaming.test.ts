import { eventEnvelope } from '@clara/channel-slack/testing';
import { type FakeProviderServer, startFakeAnthropic } from '@clara/core/testing/llm';
import { upsertChannelConnection } from '@clara/supabase';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToSlack, slackSession } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';
import { encryptSlackCredentials } from './slack-connections';

// An assistant thread end to end: the real server with the owner's model (the fake Anthropic
// API, streamed through the real SDK) and an AI app that may stream (the fake Slack Web API).

const ai = {
  token: 'xoxb-stream-app-token-1',
  secret: 'stream-signing-secret-1111',
  teamId: 'T0STR',
  botId: 'B0STR',
  botUserId: 'U0CLARA',
};
const modelText = 'Shipping is free over $50; below that it costs $5, and parcels leave within a day.';

let slack: FakeSlackApi;
let anthropic: FakeProviderServer;
let server: TestServer;
let workspaceId: string;

beforeAll(async () => {
  slack = await startFakeSlackApi([
    {
      token: ai.token,
      teamId: ai.teamId,
      botId: ai.botId,
      botUserId: ai.botUserId,
      assistant: true,
      streaming: true,
    },
  ]);
  anthropic = await startFakeAnthropic();
  server = await startTestServer({
    env: { SLACK_API_URL: slack.url, ANTHROPIC_BASE_URL: anthropic.baseURL },
  });
  ({ workspaceId } = await server.createWorkspace({
    settings: {
      welcome_message: 'Hi! Ask me about shipping.',
      suggested_messages: ['How much does shipping cost?'],
    },
  }));
  await server.addPairs(workspaceId, [
    {
      question: 'How much does shipping cost?',
      answer: 'Shipping is free over $50, otherwise $5.',
      category: 'shipping',
    },
  ]);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'anthropic',
    model: 'claude-haiku-4-5-20251001',
    key: 'sk-ant-stream-test-key-0123',
    default: true,
  });
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
  await anthropic?.close();
});

async function send(event: Record<string, unknown>) {
  const res = await postToSlack(server.url, ai.secret, eventEnvelope(ai.teamId, event));
  expect(res.status).toBe(200);
}

describe('a Slack assistant thread with the owner’s model', () => {
  it('gets prompts, a status, a title and a streamed answer; the stored reply is the final text', async () => {
    const root = '1830000001.000100';
    await send({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U0ANA', context: {}, channel_id: 'D0STR', thread_ts: root },
      event_ts: '1830000001.000200',
    });
    await slack.waitForCall(
      (c) => c.method === 'assistant.threads.setSuggestedPrompts' && c.args.channel_id === 'D0STR',
    );
    anthropic.script({ type: 'reply', text: modelText, delayMs: 60 });
    await send({
      type: 'message',
      channel: 'D0STR',
      channel_type: 'im',
      user: 'U0ANA',
      // Not word for word a knowledge-base question: the owner's model writes the answer.
      text: 'How much does shipping cost me, for example on a $60 order to France?',
      ts: '1830000002.000100',
      thread_ts: root,
    });
    const start = await slack.waitForCall(
      (c) => c.method === 'chat.startStream' && c.args.channel === 'D0STR',
    );
    const final = await slack.waitForCall(
      (c) => c.method === 'chat.update' && c.args.ts === start.response?.ts && Array.isArray(c.args.blocks),
      20_000,
    );
    const inThread = slack.calls.filter(
      (c) => c.args.channel_id === 'D0STR' || (c.args.channel === 'D0STR' && c.method !== 'users.info'),
    );
    const methods = inThread
      .map((c) => c.method)
      .filter((m, i, all) => m !== 'chat.appendStream' || all[i - 1] !== m);
    expect(methods).toEqual([
      'chat.postMessage', // welcome
      'assistant.threads.setSuggestedPrompts',
      'assistant.threads.setStatus',
      'assistant.threads.setTitle',
      'chat.startStream',
      ...(methods.includes('chat.appendStream') ? ['chat.appendStream'] : []),
      'chat.stopStream',
      'chat.update',
    ]);
    const streamed = inThread
      .filter((c) => ['chat.startStream', 'chat.appendStream', 'chat.stopStream'].includes(c.method))
      .map((c) => c.args.markdown_text ?? '')
      .join('');
    expect(streamed).toBe(modelText);
    expect(JSON.stringify(final.args.blocks)).toContain('parcels leave within a day');
    const session = await slackSession(server.db, workspaceId, `slack:${ai.teamId}:D0STR:${root}`);
    expect(session?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(session?.messages[1]?.content).toBe(streamed);
  });
});
