/**
 * Teams reads an acknowledgement in its conversation as the web chat does (the engine's
 * small-talk-turn): with the owner's key, "yes please" after Clara's offer goes to the model with
 * the history; a first "yes" or a "Thanks!" is a short reply.
 */
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { shopPairs } from '@clara/testkit/shop-kb';
import {
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithId, newWorkspaceId, postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

let server: TestServer;
let connector: FakeBotConnector;
let openai: FakeProviderServer;
let a: ReturnType<typeof teamsActivities>;
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');

const messageTo = (id: string) =>
  connector.waitFor((c) => c.replyToId === id && c.activity.type === 'message', 10_000);

beforeAll(async () => {
  [connector, openai] = await Promise.all([startFakeBotConnector(), startFakeOpenAi()]);
  server = await startTestServer({
    env: { TEAMS_WORKSPACE_ID: workspaceId, OPENAI_BASE_URL: openai.baseURL },
  });
  await createWorkspaceWithId(server, workspaceId, { suggested_messages: ['What are your opening hours?'] });
  await server.addPairs(workspaceId, shopPairs);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-teams-small-talk-key',
    default: true,
  });
  a = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-emulator-bot' });
});

afterAll(async () => {
  await server?.close();
  await Promise.all([connector?.close(), openai?.close()]);
});

describe('acknowledgements in a Teams conversation', () => {
  it('"yes please" after an offer goes to the model with the conversation', async () => {
    const conversation = newConversation('personal');
    const offer = 'We ship to 30 countries. Would you like to know how long delivery to France takes?';
    openai.script({ type: 'reply', text: offer });
    const question = a.message(conversation, ada, 'Could you send a parcel to my aunt in Lyon?');
    await postActivity(server, question);
    expect((await messageTo(question.id)).activity.text).toBe(offer);
    const followUp = 'Delivery to France takes about a week.';
    openai.script({ type: 'reply', text: followUp });
    const yes = a.message(conversation, ada, 'yes please');
    await postActivity(server, yes);
    expect((await messageTo(yes.id)).activity.text).toBe(followUp);
    const sent = ((openai.requests.at(-1)?.body ?? {}) as { messages: { role: string; content: string }[] })
      .messages;
    expect(sent.filter((m) => m.role !== 'system')).toEqual([
      { role: 'user', content: 'Could you send a parcel to my aunt in Lyon?' },
      { role: 'assistant', content: offer },
      { role: 'user', content: 'yes please' },
    ]);
  });

  it('a first "yes" and a "Thanks!" are short replies; the model is not asked', async () => {
    const conversation = newConversation('personal');
    const before = openai.requests.length;
    const yes = a.message(conversation, ada, 'yes');
    await postActivity(server, yes);
    expect((await messageTo(yes.id)).activity.text).toMatch(/What would you like to know\?/);
    const thanks = a.message(conversation, ada, 'Thanks!');
    await postActivity(server, thanks);
    expect((await messageTo(thanks.id)).activity.text).toMatch(/welcome/i);
    expect(openai.requests.length).toBe(before);
  });
});
