import { isStorableText, unstorableTextMessage } from '@clara/core';
import { z } from 'zod';

/**
 * A string Clara stores or keys a row by (ids, names, the serviceUrl): a NUL or a lone surrogate
 * would fail the query, so the activity is refused as invalid (400) before anything is written.
 */
const stored = (field: string, min: number, max: number) =>
  z.string().min(min).max(max).refine(isStorableText, unstorableTextMessage(field));

/** `from`, `recipient` or a `membersAdded` item (`who` names it in a refusal). */
const account = (who: string) =>
  z.object({
    id: stored(`${who}.id`, 1, 500),
    name: stored(`${who}.name`, 0, 500).optional(),
    // Entra object id of a user (absent for bots).
    aadObjectId: stored(`${who}.aadObjectId`, 0, 100).optional(),
    // 'bot' for bots (Teams bot ids also start with `28:`), 'user' otherwise.
    role: z.string().max(50).optional(),
  });

/** An `entities[]` item: Teams lists each `<at>…</at>` mention (with `text`, not always) and client info. */
const entity = z.looseObject({
  type: z.string().max(100),
  text: z.string().max(1000).optional(),
  mentioned: z.object({ id: z.string().max(500), name: z.string().max(500).optional() }).optional(),
});

/**
 * The fields of a Bot Framework activity Clara reads, checked after the request is
 * authenticated. Unknown fields are ignored here; botbuilder keeps the full activity.
 */
export const teamsActivitySchema = z.object({
  type: z.string().min(1).max(100),
  id: stored('id', 1, 500).optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: stored('serviceUrl', 1, 2000),
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  // The invoke's name (`adaptiveCard/action`, `composeExtension/fetchTask`, …).
  name: z.string().max(200).optional(),
  entities: z.array(entity).max(100).optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(300) }))
    .max(50)
    .optional(),
  from: account('from'),
  recipient: account('recipient'),
  conversation: z.object({
    id: stored('conversation.id', 1, 1000),
    // 'personal' | 'groupChat' | 'channel' in Teams; absent in the Emulator.
    conversationType: z.string().max(50).optional(),
    tenantId: stored('conversation.tenantId', 0, 100).optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: stored('channelData.tenant.id', 0, 100) }).optional(),
      team: z.object({ id: stored('channelData.team.id', 0, 500) }).optional(),
      channel: z.object({ id: stored('channelData.channel.id', 0, 500) }).optional(),
    })
    .optional(),
  membersAdded: z.array(account('membersAdded')).optional(),
});

export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

/** The `data` of Clara's Adaptive Card `Action.Submit` buttons (a click asks this question). */
export const askActionSchema = z.object({
  clara_action: z.literal('ask'),
  question: z.string().trim().min(1).max(2000),
});

/** The `data` of Clara's thumbs buttons on an answer. */
export const feedbackActionSchema = z.object({
  clara_action: z.literal('feedback'),
  rating: z.enum(['up', 'down']),
  message_id: z.uuid(),
});

/** Where the conversation happens; it decides how chips are rendered and what needs a mention. */
export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/**
 * The conversation's scope: `conversation.conversationType`, else what the activity shows (a
 * team or channel in channelData, or a group conversation), so chips in a channel never come
 * as suggested actions, which Teams shows only in personal chats.
 */
export function scopeOf(activity: TeamsActivity): ConversationScope {
  const type = activity.conversation.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  if (activity.channelData?.channel || activity.channelData?.team) return 'channel';
  return activity.conversation.isGroup ? 'groupChat' : 'personal';
}
