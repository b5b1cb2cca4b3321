/* biome-ignore-all lint/suspicious/noExplicitAny: activities are checked by the assertions */

import { type FakeProviderServer, splitWords, startFakeOpenAi } from '@clara/core/testing/llm';
import { shopPairs } from '@clara/testkit/shop-kb';
import {
  type ConnectorCall,
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  streamInfoOf,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithId, newWorkspaceId, postActivity, sessionOf } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// Teams streaming end to end: the real server with the owner's model (the fake OpenAI API through
// the real SDK), botbuilder sending to a fake Bot Connector that speaks (and checks) Teams'
// streaming protocol: informative update → cumulative chunks → final message, personal chats only.

let server: TestServer;
let connector: FakeBotConnector;
let openai: FakeProviderServer;
let a: ReturnType<typeof teamsActivities>;
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');
const modelText =
  'Shipping is free on orders over $50. Below that it costs $5, and parcels to France usually arrive within four working days.';

/** The model writes for about 5 s: three or four streaming updates at 1.5 s. */
const scriptModel = () => {
  const chunks = splitWords(modelText);
  openai.script({ type: 'reply', text: modelText, chunks, delayMs: Math.ceil(5_000 / chunks.length) });
};
const repliesTo = (id: string) => connector.calls.filter((c) => c.replyToId === id);
const streamed = (calls: ConnectorCall[]) => calls.filter((c) => streamInfoOf(c.activity) !== null);

beforeAll(async () => {
  [connector, openai] = await Promise.all([startFakeBotConnector(), startFakeOpenAi()]);
  server = await startTestServer({
    env: { TEAMS_WORKSPACE_ID: workspaceId, OPENAI_BASE_URL: openai.baseURL, CLARA_LLM_TIMEOUT_MS: '60000' },
  });
  await createWorkspaceWithId(server, workspaceId, { suggested_messages: ['What are your opening hours?'] });
  await server.addPairs(workspaceId, shopPairs);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-teams-streaming-key',
    default: true,
  });
  a = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-emulator-bot' });
});

afterEach(() => {
  connector.streaming = 'teams';
});

afterAll(async () => {
  await server?.close();
  await Promise.all([connector?.close(), openai?.close()]);
});

async function ask(activity: { id: string; text: string }) {
  const res = await postActivity(server, activity);
  expect(res.status).toBe(200);
  return connector.waitFor((c) => c.replyToId === activity.id && c.activity.type === 'message', 30_000);
}

describe('Teams streaming of a model’s answer', () => {
  it('streams in a personal chat: informative update, cumulative chunks, final message; stores the final text', async () => {
    scriptModel();
    const conversation = newConversation('personal');
    const question = a.message(conversation, ada, 'How much is shipping to France on a $40 order?');
    const final = await ask(question);

    const sequence = streamed(repliesTo(question.id));
    const infos = sequence.map((c) => streamInfoOf(c.activity) as any);
    // Informative first, with sequence 1 and no stream id yet; the connector answered 201 with the id.
    expect(sequence[0]?.activity.type).toBe('typing');
    expect(infos[0]).toMatchObject({ type: 'streaminfo', streamType: 'informative', streamSequence: 1 });
    expect(infos[0].streamId).toBeUndefined();
    expect(sequence[0]?.status).toBe(201);
    const streamId = [...connector.streams.values()].find(
      (s) => s.conversationId === conversation.id,
    )?.streamId;
    expect(streamId).toBeDefined();

    // Then streaming chunks: typing, the stream's id, sequence 2, 3, …, each text extending the last.
    const chunks = sequence.slice(1, -1);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    chunks.forEach((c, i) => {
      expect(c.activity.type).toBe('typing');
      expect(streamInfoOf(c.activity)).toMatchObject({
        streamId,
        streamType: 'streaming',
        streamSequence: i + 2,
      });
      expect(c.status).toBe(202);
      expect(modelText.startsWith(c.activity.text)).toBe(true);
      if (i > 0) expect(c.activity.text.length).toBeGreaterThan(chunks[i - 1]?.activity.text.length);
    });

    // The final message: the whole text, no sequence, the reply's rendering (thumbs card).
    expect(sequence.at(-1)).toBe(final);
    expect(final.status).toBe(202);
    expect(streamInfoOf(final.activity)).toEqual({ type: 'streaminfo', streamId, streamType: 'final' });
    expect(final.activity.text).toBe(modelText);
    expect(final.activity.attachments?.at(-1)?.content?.actions?.map((x: any) => x.title)).toEqual([
      '👍 Yes',
      '👎 No',
    ]);
    expect(connector.streams.get(streamId as string)?.finished).toBe(true);
    // One message in the chat: the streamed one.
    expect(repliesTo(question.id).filter((c) => c.activity.type === 'message')).toHaveLength(1);

    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.messages.map((m) => m.content)).toEqual([question.text, modelText]);
  }, 60_000);

  it('sends the whole answer in a channel (Teams streams one-on-one chats only)', async () => {
    scriptModel();
    const conversation = newConversation('channel');
    const question = a.mention(conversation, ada, 'How much is shipping to France on a $40 order?');
    const final = await ask(question);
    expect(streamed(repliesTo(question.id))).toEqual([]);
    expect(final.activity.text).toBe(modelText);
    expect(repliesTo(question.id).filter((c) => c.activity.type === 'message')).toHaveLength(1);
    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.messages.at(-1)?.content).toBe(modelText);
  }, 60_000);

  it('sends the whole answer when the connector refuses streaming (403 ContentStreamNotAllowed)', async () => {
    connector.streaming = 'refuse';
    scriptModel();
    const conversation = newConversation('personal');
    const question = a.message(conversation, ada, 'How much is shipping to France on a $40 order?');
    const final = await ask(question);
    const refused = streamed(repliesTo(question.id));
    expect(refused).toHaveLength(1);
    expect(refused[0]?.status).toBe(403);
    expect(streamInfoOf(refused[0]?.activity ?? {})).toMatchObject({ streamType: 'informative' });
    expect(streamInfoOf(final.activity)).toBeNull();
    expect(final.activity.text).toBe(modelText);
    expect(final.status).toBe(200);
    expect(repliesTo(question.id).filter((c) => c.activity.type === 'message')).toHaveLength(1);
    expect(server.logs.join('')).toContain('teams streaming refused; sending the whole answer');
    expect(server.logs.join('')).not.toContain('sk-test-teams-streaming-key');
  }, 60_000);
});
