import { z } from 'zod';

const account = z.object({
  id: z.string().min(1).max(500),
  name: z.string().max(500).optional(),
  // Entra object id of a user (absent for bots).
  aadObjectId: z.string().max(100).optional(),
});

/**
 * The fields of a Bot Framework activity Clara reads, checked after the request is
 * authenticated. Unknown fields are ignored here; botbuilder keeps the full activity.
 */
export const teamsActivitySchema = z.object({
  type: z.string().min(1).max(100),
  id: z.string().min(1).max(500).optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(2000),
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string().min(1).max(1000),
    // 'personal' | 'groupChat' | 'channel' in Teams; absent in the Emulator.
    conversationType: z.string().max(50).optional(),
    tenantId: z.string().max(100).optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(100) }).optional(),
      team: z.object({ id: z.string().max(500) }).optional(),
      channel: z.object({ id: z.string().max(500) }).optional(),
    })
    .optional(),
  membersAdded: z.array(account).optional(),
});

export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

/** The `data` of Clara's Adaptive Card `Action.Submit` buttons (a click asks this question). */
export const askActionSchema = z.object({
  clara_action: z.literal('ask'),
  question: z.string().trim().min(1).max(2000),
});

/** Where the conversation happens; it decides how chips are rendered. */
export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export function scopeOf(activity: TeamsActivity): ConversationScope {
  const type = activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}
