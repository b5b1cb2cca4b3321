/**
 * Slack reads an acknowledgement in its thread as the web chat does (the engine's
 * small-talk-turn): with the owner's key, "yes please" after Clara's offer goes to the model with
 * the thread's history; a "thanks" is still a short reply without a turn.
 */
import { randomUUID } from 'node:crypto';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToSlack } from '../../test/slack-test-kit';
import { createWorkspaceWithId } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const app = {
  token: 'xoxb-444-small-talk-token',
  secret: 'small-talk-signing-secret-dd',
  teamId: 'T0TALK',
  botId: 'B0TALK',
  botUserId: 'U0CLART',
};
const workspaceId = randomUUID();
const channel = 'C0SHOP';
let slack: FakeSlackApi;
let openai: FakeProviderServer;
let server: TestServer;
let seq = 0;

/** Mentions Clara in the thread `threadTs` (a new thread when absent); returns the message's ts. */
async function mention(text: string, threadTs?: string) {
  const ts = `1900100${String(++seq).padStart(3, '0')}.000100`;
  const event = {
    type: 'app_mention',
    user: 'U0ASKER',
    text: `<@${app.botUserId}> ${text}`,
    ts,
    channel,
    event_ts: ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
  expect((await postToSlack(server.url, app.secret, eventEnvelope(app.teamId, event))).status).toBe(200);
  return ts;
}

/** The text of the next message Clara posts in the thread after `before` calls. */
async function nextPost(thread: string, before: number, includes: string) {
  const call = await slack.waitForCall(
    (c) =>
      slack.calls.indexOf(c) >= before &&
      c.method === 'chat.postMessage' &&
      c.args.channel === channel &&
      c.args.thread_ts === thread &&
      JSON.stringify(c.args).includes(includes),
    10_000,
  );
  return JSON.stringify(call.args);
}

beforeAll(async () => {
  [slack, openai] = await Promise.all([startFakeSlackApi([app]), startFakeOpenAi()]);
  server = await startTestServer({
    env: {
      SLACK_SIGNING_SECRET: app.secret,
      SLACK_BOT_TOKEN: app.token,
      SLACK_WORKSPACE_ID: workspaceId,
      SLACK_API_URL: slack.url,
      OPENAI_BASE_URL: openai.baseURL,
    },
  });
  await createWorkspaceWithId(server, workspaceId);
  await server.addPairs(workspaceId, [
    { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'shipping' },
  ]);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-slack-small-talk-key',
    default: true,
  });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([slack?.close(), openai?.close()]);
});

describe('acknowledgements in a Slack thread', () => {
  it('"yes please" after an offer goes to the model with the thread; "thanks" stays a short reply', async () => {
    const offer = 'We ship to 30 countries. Would you like to know how long delivery to France takes?';
    openai.script({ type: 'reply', text: offer });
    let before = slack.calls.length;
    const thread = await mention('Could you send a parcel to my aunt in Lyon?');
    await nextPost(thread, before, 'Would you like to know');
    const followUp = 'Delivery to France takes about a week.';
    openai.script({ type: 'reply', text: followUp });
    const requests = openai.requests.length;
    before = slack.calls.length;
    await mention('yes please', thread);
    await nextPost(thread, before, followUp);
    expect(openai.requests.length).toBe(requests + 1);
    const sent = ((openai.requests.at(-1)?.body ?? {}) as { messages: { role: string; content: string }[] })
      .messages;
    expect(sent.filter((m) => m.role !== 'system').at(-1)).toEqual({ role: 'user', content: 'yes please' });
    expect(sent.some((m) => m.role === 'assistant' && m.content === offer)).toBe(true);
    before = slack.calls.length;
    await mention('thanks!', thread);
    expect(await nextPost(thread, before, 'welcome')).toMatch(/welcome/i);
    expect(openai.requests.length).toBe(requests + 1);
  });
});
