/* biome-ignore-all lint/suspicious/noExplicitAny: activities are checked by the assertions */
import { staleButtonNotice, textOnlyNotice } from '@clara/channel-teams';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { listGaps } from '@clara/supabase';
import { shopPairs } from '@clara/testkit/shop-kb';
import {
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithId, newWorkspaceId, postActivity, sessionOf } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// Replays of Bot Framework activities in the shapes Teams sends them (slow answers, invokes,
// other bots, read-all channel chatter, mentions without entity text, files, foreign cards,
// thumbs) against the real server, with botbuilder talking to a fake Bot Connector.

let server: TestServer;
let connector: FakeBotConnector;
let openai: FakeProviderServer;
let a: ReturnType<typeof teamsActivities>;
const workspaceId = newWorkspaceId();
const ada = newUser('Ada Lovelace');
const pairs = shopPairs;

const repliesTo = (id: string) => connector.calls.filter((c) => c.replyToId === id);
const messagesTo = (id: string) => repliesTo(id).filter((c) => c.activity.type === 'message');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gapQuestions = async () => (await listGaps(server.db, workspaceId)).map((g) => g.question);

beforeAll(async () => {
  [connector, openai] = await Promise.all([startFakeBotConnector(), startFakeOpenAi()]);
  server = await startTestServer({
    env: { TEAMS_WORKSPACE_ID: workspaceId, OPENAI_BASE_URL: openai.baseURL, CLARA_LLM_TIMEOUT_MS: '60000' },
  });
  await createWorkspaceWithId(server, workspaceId, { suggested_messages: ['What are your opening hours?'] });
  await server.addPairs(workspaceId, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-teams-replay-key',
    default: true,
  });
  a = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-emulator-bot' });
});

afterAll(async () => {
  await server?.close();
  await Promise.all([connector?.close(), openai?.close()]);
});

describe('the 15-second limit', () => {
  it('acknowledges within 2 s while a model writes for 20 s, then delivers the answer as a reply', async () => {
    const text = "I don't have that information yet, so I've passed your question on to the team.";
    const chunks = text.split(/(?<= )/);
    // Ten pauses of 2 s: the model takes 20 s to write the answer.
    openai.script({ type: 'reply', text, chunks, delayMs: Math.ceil(20_000 / chunks.length) });
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, 'Do you sponsor hackathons for students?');
    const started = performance.now();
    const res = await postActivity(server, activity);
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(2_000);
    expect(repliesTo(activity.id)[0]?.activity.type).toBe('typing');
    expect(messagesTo(activity.id).map((c) => c.activity.text)).toEqual([]);
    expect(openai.requests.length).toBe(1);

    const answer = await connector.waitFor(
      (c) => c.replyToId === activity.id && c.activity.type === 'message',
      40_000,
    );
    expect(performance.now() - started).toBeGreaterThan(15_000);
    expect(answer.conversationId).toBe(conversation.id);
    expect(answer.activity.text).toBe(text);
    expect(answer.activity.recipient.id).toBe(ada.id);
    // Typing was repeated while the model wrote.
    expect(repliesTo(activity.id).filter((c) => c.activity.type === 'typing').length).toBeGreaterThan(2);
    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.messages.map((m) => m.content)).toEqual([activity.text, text]);
    expect(server.logs.join('')).toContain('teams answer continues after the acknowledgement');
  }, 60_000);
});

describe('invoke activities', () => {
  const invoke = (name: string, value: unknown) => ({
    ...a.message(newConversation('channel'), ada, ''),
    type: 'invoke',
    name,
    value,
    text: undefined,
  });

  it('answers a foreign Action.Execute with a 200 message response', async () => {
    const res = await postActivity(
      server,
      invoke('adaptiveCard/action', {
        action: { type: 'Action.Execute', verb: 'approve', data: { ticket: 12 } },
        trigger: 'manual',
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: staleButtonNotice,
    });
  });

  it('answers a message-action fetchTask with a task message, and an unknown invoke with 501', async () => {
    const fetched = await postActivity(
      server,
      invoke('composeExtension/fetchTask', { commandId: 'share', context: { theme: 'dark' } }),
    );
    expect(fetched.status).toBe(200);
    expect(((await fetched.json()) as any).task.type).toBe('message');
    const unknown = await postActivity(
      server,
      invoke('composeExtension/query', { commandId: 'search', parameters: [] }),
    );
    expect(unknown.status).toBe(501);
    expect(server.logs.some((l) => l.includes('teams turn failed'))).toBe(false);
  });
});

describe('only messages addressed to Clara', () => {
  it('ignores other bots, read-all channel chatter, group chats without a mention and edits; files no gap', async () => {
    const before = connector.calls.length;
    const gaps = await gapQuestions();
    const otherBot = { id: '28:other-bot-app', name: 'Polly', role: 'bot' };
    const activities = [
      a.message(newConversation('personal'), otherBot as any, 'Poll: where should we have lunch on Friday?'),
      // With RSC (ChannelMessage.Read.Group) Teams sends every channel message, mention or not.
      a.message(newConversation('channel'), ada, 'lol same, see you at lunch'),
      a.message(newConversation('groupChat'), ada, 'does anyone know the wifi password?'),
      {
        ...a.message(newConversation('personal'), ada, 'What are your opening hours? (edited)'),
        type: 'messageUpdate',
      },
      {
        ...a.message(newConversation('personal'), ada, ''),
        type: 'messageReaction',
        reactionsAdded: [{ type: 'like' }],
      },
    ];
    for (const activity of activities) expect((await postActivity(server, activity)).status).toBe(200);
    await sleep(400);
    expect(connector.calls.length).toBe(before);
    expect(await gapQuestions()).toEqual(gaps);
  });

  it('strips a mention that has no entities[].text, and reads the scope from channelData', async () => {
    const conversation = newConversation('channel');
    const mention = a.mention(conversation, ada, 'How much does shipping cost?');
    const activity = {
      ...mention,
      entities: [{ type: 'mention', mentioned: a.bot }],
      conversation: { id: conversation.id, isGroup: true, tenantId: conversation.tenantId },
      channelData: {
        tenant: { id: conversation.tenantId },
        team: { id: '19:team' },
        channel: { id: '19:chan' },
      },
    };
    expect((await postActivity(server, activity)).status).toBe(200);
    const [reply] = messagesTo(activity.id);
    expect(reply?.activity.text).toBe(pairs[1]?.answer);
    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.messages[0]?.content).toBe('How much does shipping cost?');
    // Chips as card buttons (a channel), never suggested actions (personal chats only).
    expect(reply?.activity.suggestedActions).toBeUndefined();
    expect(reply?.activity.attachments[0].content.actions[0].type).toBe('Action.Submit');
  });

  it('says what it can read for a file-only message, and that a foreign card button is not its own', async () => {
    const conversation = newConversation('personal');
    const file = {
      ...a.message(conversation, ada, ''),
      text: undefined,
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'invoice.pdf',
          content: { fileType: 'pdf' },
        },
      ],
    };
    await postActivity(server, file);
    expect(messagesTo(file.id)[0]?.activity.text).toBe(textOnlyNotice);
    const foreign = a.submit(conversation, ada, { action: 'approve', ticket: 12 });
    await postActivity(server, foreign);
    expect(messagesTo(foreign.id)[0]?.activity.text).toBe(staleButtonNotice);
    const stale = a.submit(conversation, ada, { clara_action: 'ask_v0', q: 'hours' });
    await postActivity(server, stale);
    expect(messagesTo(stale.id)[0]?.activity.text).toBe(staleButtonNotice);
    expect(await sessionOf(server, workspaceId, conversation.id)).toHaveLength(0);
  });

  it('answers thanks with a short reply and no turn', async () => {
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, 'Thanks!');
    await postActivity(server, activity);
    expect(messagesTo(activity.id)[0]?.activity.text).toMatch(/welcome/i);
    expect(await sessionOf(server, workspaceId, conversation.id)).toHaveLength(0);
  });
});

describe('feedback', () => {
  it('puts thumbs under an answer; a thumbs-down is stored and files a gap from the Teams session', async () => {
    const conversation = newConversation('personal');
    const question = a.message(conversation, ada, 'What are your opening hours?');
    await postActivity(server, question);
    const [reply] = messagesTo(question.id);
    const card = reply?.activity.attachments.at(-1).content;
    expect(card.actions.map((x: any) => x.data.rating)).toEqual(['up', 'down']);
    const down = card.actions[1].data;
    const click = a.submit(conversation, ada, down);
    expect((await postActivity(server, click)).status).toBe(200);
    expect(messagesTo(click.id)[0]?.activity.text).toContain('passed this on to the team');
    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect((session?.messages[1] as any)?.feedback).toBe('down');
    const gap = (await listGaps(server.db, workspaceId)).find((g) => g.session_id === session?.id);
    expect(gap?.question).toBe('What are your opening hours?');
    expect(gap?.ai_answer).toBe(pairs[0]?.answer);
  });
});
