import { randomUUID } from 'node:crypto';

/** Ids of a test Teams conversation. */
export interface TestConversation {
  id: string;
  type: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
}

export interface TestUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** Builds Bot Framework activities shaped like the ones Teams sends. */
export function teamsActivities(options: { serviceUrl: string; botId: string; botName?: string }) {
  const bot = { id: options.botId, name: options.botName ?? 'Clara' };
  const base = (conversation: TestConversation, from: TestUser) => ({
    id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: bot,
    conversation: {
      id: conversation.id,
      conversationType: conversation.type,
      tenantId: conversation.tenantId,
      isGroup: conversation.type !== 'personal',
    },
    channelData: { tenant: { id: conversation.tenantId } },
  });
  return {
    /** A plain message (a personal chat, or any text the user typed). */
    message(conversation: TestConversation, from: TestUser, text: string) {
      return { ...base(conversation, from), type: 'message', text, textFormat: 'plain' };
    },
    /** A channel or group-chat message that @mentions the bot, as Teams writes it. */
    mention(conversation: TestConversation, from: TestUser, question: string) {
      const mentionText = `<at>${bot.name}</at>`;
      return {
        ...base(conversation, from),
        type: 'message',
        text: `${mentionText} ${question}`,
        textFormat: 'plain',
        entities: [{ type: 'mention', text: mentionText, mentioned: bot }],
      };
    },
    /** The message Teams sends when an Adaptive Card `Action.Submit` button is clicked. */
    submit(conversation: TestConversation, from: TestUser, data: Record<string, unknown>) {
      return { ...base(conversation, from), type: 'message', value: data };
    },
    /** Clara (or someone) added to a conversation. */
    membersAdded(conversation: TestConversation, from: TestUser, members: { id: string; name?: string }[]) {
      return { ...base(conversation, from), type: 'conversationUpdate', membersAdded: members };
    },
    bot,
  };
}

/** A new conversation id of the given kind, shaped like Teams' ids. */
export function newConversation(type: TestConversation['type'], tenantId = randomUUID()): TestConversation {
  const key = randomUUID().replaceAll('-', '');
  const id =
    type === 'personal'
      ? `a:1${key}`
      : type === 'channel'
        ? `19:${key}@thread.tacv2;messageid=${Date.now()}`
        : `19:${key}@thread.v2`;
  return { id, type, tenantId };
}

/** A Teams user. */
export function newUser(name: string): TestUser {
  return { id: `29:1${randomUUID().replaceAll('-', '')}`, name, aadObjectId: randomUUID() };
}
