/* biome-ignore-all lint/suspicious/noExplicitAny: activities are checked by the assertions */
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

// Emulator mode: no MICROSOFT_APP_ID, so no token is needed and TEAMS_WORKSPACE_ID answers.
let server: TestServer;
let connector: FakeBotConnector;
let a: ReturnType<typeof teamsActivities>;
const workspaceId = newWorkspaceId();
const bookingUrl = 'https://cal.example.com/clara';

const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open **9 to 5**, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'How much does shipping cost?',
    answer: 'Shipping is free over $50, otherwise $5.',
    category: 'pricing',
  },
  {
    question: 'Can I return an item?',
    answer: 'Returns are accepted within 30 days.',
    category: 'retention',
  },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
  {
    question: 'How long does shipping take?',
    answer: 'Shipping takes 3 to 5 working days.',
    category: 'general',
  },
];
const ada = newUser('Ada Lovelace');

const repliesTo = (activityId: string) => connector.calls.filter((c) => c.replyToId === activityId);
const messagesTo = (activityId: string) => repliesTo(activityId).filter((c) => c.activity.type === 'message');
/** Clara's messages replying to an activity, once the first has arrived (a slow turn is answered after the POST). */
const answerTo = async (activityId: string) => {
  await connector.waitFor((c) => c.replyToId === activityId && c.activity.type === 'message', 10_000);
  return messagesTo(activityId);
};

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startTestServer({ env: { TEAMS_WORKSPACE_ID: workspaceId } });
  await createWorkspaceWithId(server, workspaceId, {
    booking_url: bookingUrl,
    welcome_message: 'Hi, I am Clara. Ask me about **orders** and shipping.',
    suggested_messages: ['What are your opening hours?'],
  });
  await server.addPairs(workspaceId, pairs);
  a = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-emulator-bot' });
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
});

describe('POST /teams/messages (Emulator mode)', () => {
  it('warns at start-up that the endpoint is unauthenticated', () => {
    const warning = server.logs.find((line) => line.includes('Emulator mode'));
    expect(JSON.parse(warning ?? '{}').level).toBe(40);
  });

  it('answers a personal chat question from the knowledge base, typing first, as a reply', async () => {
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, 'What are your opening hours?');
    const res = await postActivity(server, activity);
    expect(res.status).toBe(200);

    await answerTo(activity.id);
    const calls = repliesTo(activity.id);
    expect(calls.map((c) => c.activity.type)).toEqual(['typing', 'message']);
    const reply = calls[1];
    expect(reply?.conversationId).toBe(conversation.id);
    expect(reply?.activity).toMatchObject({
      text: pairs[0]?.answer,
      textFormat: 'markdown',
      replyToId: activity.id,
    });
    expect(reply?.activity.recipient.id).toBe(ada.id);

    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.visitor_name).toBe('Ada Lovelace');
    expect(session?.metadata).toMatchObject({
      channel: 'teams',
      tenant_id: conversation.tenantId,
      conversation_id: conversation.id,
      conversation_type: 'personal',
      user_id: ada.id,
      user_aad_object_id: ada.aadObjectId,
    });
    expect(session?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    // Chips are suggested actions in a personal chat (imBack: a click sends the question).
    const chips = session?.messages[1]?.suggestion_chips ?? [];
    expect(chips.length).toBeGreaterThan(0);
    expect(reply?.activity.suggestedActions.actions).toEqual(
      chips.map((chip) => ({ type: 'imBack', title: chip, value: chip })),
    );
  });

  it('strips the @mention in a channel and renders chips as Adaptive Card Action.Submit buttons', async () => {
    const conversation = newConversation('channel');
    const activity = a.mention(conversation, ada, 'How much does shipping cost?');
    expect((await postActivity(server, activity)).status).toBe(200);

    const [reply] = await answerTo(activity.id);
    expect(reply?.activity.text).toBe(pairs[1]?.answer);
    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.messages[0]?.content).toBe('How much does shipping cost?');
    expect(session?.metadata).toMatchObject({ channel: 'teams', conversation_type: 'channel' });

    const chips = session?.messages[1]?.suggestion_chips ?? [];
    expect(chips.length).toBeGreaterThan(0);
    expect(reply?.activity.suggestedActions).toBeUndefined();
    const card = reply?.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.actions).toEqual(
      chips.map((chip) => ({
        type: 'Action.Submit',
        title: chip,
        data: { clara_action: 'ask', question: chip },
      })),
    );
  });

  it('asks the question of a clicked Action.Submit chip and keeps follow-ups in the same session row', async () => {
    const conversation = newConversation('groupChat');
    const first = a.mention(conversation, ada, 'How much does shipping cost?');
    await postActivity(server, first);
    const chip = (await answerTo(first.id))[0]?.activity.attachments[0].content.actions[0];
    expect(chip?.type).toBe('Action.Submit');

    const click = a.submit(conversation, ada, chip.data);
    expect((await postActivity(server, click)).status).toBe(200);
    await answerTo(click.id);
    const followUp = a.mention(conversation, newUser('Grace Hopper'), 'Can I return an item?');
    await postActivity(server, followUp);
    await answerTo(followUp.id);

    const sessions = await sessionOf(server, workspaceId, conversation.id);
    expect(sessions).toHaveLength(1);
    const messages = sessions[0]?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(messages[2]?.content).toBe(chip.data.question);
    expect((await answerTo(click.id))[0]?.activity.text).toBe(messages[3]?.content);
    expect((await answerTo(followUp.id))[0]?.activity.text).toBe(pairs[2]?.answer);
  });

  it('answers an activity delivered twice only once', async () => {
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, 'Do you ship internationally?');
    const [first, second] = await Promise.all([
      postActivity(server, activity),
      postActivity(server, activity),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await postActivity(server, activity)).status).toBe(200);

    expect(await answerTo(activity.id)).toHaveLength(1);
    const [session] = await sessionOf(server, workspaceId, conversation.id);
    expect(session?.messages).toHaveLength(2);
    const events = await server.db.query(
      "SELECT 1 FROM channel_events WHERE channel = 'teams' AND event_id LIKE $1",
      [`%|${activity.id}`],
    );
    expect(events).toHaveLength(1);
  });

  it('files a gap for a question the knowledge base cannot answer', async () => {
    const conversation = newConversation('personal');
    const question = 'Do you sell gift cards for birthdays?';
    const activity = a.message(conversation, ada, question);
    await postActivity(server, activity);
    await answerTo(activity.id);

    const [session] = await sessionOf(server, workspaceId, conversation.id);
    const gaps = await server.db.query<{ question: string; status: string; session_id: string }>(
      'SELECT question, status, session_id FROM qa_gaps WHERE workspace_id = $1 AND question = $2',
      [workspaceId, question],
    );
    expect(gaps).toEqual([{ question, status: 'open', session_id: session?.id }]);
    expect((await answerTo(activity.id))[0]?.activity.text).toBe(
      (session?.messages[1] as { content: string } | undefined)?.content,
    );
  });

  it('offers the booking link as an Action.OpenUrl button when escalation is offered', async () => {
    const conversation = newConversation('personal');
    const activity = a.message(conversation, ada, "I'd like to book a call with your team");
    await postActivity(server, activity);
    const [reply] = await answerTo(activity.id);
    const actions = reply?.activity.attachments?.[0]?.content.actions ?? [];
    expect(actions).toContainEqual({ type: 'Action.OpenUrl', title: 'Book a call', url: bookingUrl });
    const [row] = await server.db.query<{ escalated: boolean }>(
      'SELECT escalated FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
      [workspaceId, `teams:${conversation.id}`],
    );
    expect(row?.escalated).toBe(true);
  });

  it('sends the welcome message when Clara is added, and nothing when someone else is', async () => {
    const conversation = newConversation('groupChat');
    const added = a.membersAdded(conversation, ada, [a.bot]);
    expect((await postActivity(server, added)).status).toBe(200);
    await postActivity(server, added);
    const welcome = await answerTo(added.id);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]?.activity.text).toBe('Hi, I am Clara. Ask me about **orders** and shipping.');
    expect(welcome[0]?.activity.attachments[0].content.actions[0]).toMatchObject({
      type: 'Action.Submit',
      data: { question: 'What are your opening hours?' },
    });

    const other = a.membersAdded(conversation, ada, [newUser('Grace Hopper')]);
    expect((await postActivity(server, other)).status).toBe(200);
    expect(repliesTo(other.id)).toHaveLength(0);
  });

  it('rejects a body that is not an activity with a 4xx JSON error', async () => {
    const notJson = await fetch(`${server.url}/teams/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'invalid_json' } });

    const noType = await postActivity(server, { text: 'hello' });
    expect(noType.status).toBe(400);
    expect(await noType.json()).toMatchObject({ error: { code: 'bad_request' } });

    const { from: _from, ...missingFrom } = a.message(newConversation('personal'), ada, 'hello');
    const invalid = await postActivity(server, missingFrom);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
