import { z } from 'zod';

// Slack ids and timestamps: `T…`/`C…`/`U…` ids, and `ts` strings like "1700000000.000100".
const id = z.string().min(1).max(64);
const ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/, 'a Slack ts');

/** Sent once when the Request URL is saved in the app settings; answered with the challenge. */
export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(1000),
});

/** The Events API envelope around every event. */
export const eventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  team_id: id,
  // Unique per event; the same id comes back on every retry.
  event_id: z.string().min(1).max(100),
  event: z.looseObject({ type: z.string() }),
});

/** An interactive payload (a button click), sent form-encoded as `payload=<json>`. */
export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id }).nullable(),
  user: z.object({ id, team_id: id.optional() }),
  // One per click; Slack does not retry interactive payloads, but a proxy might.
  trigger_id: z.string().max(200).optional(),
  channel: z.object({ id }).optional(),
  message: z.looseObject({ ts, thread_ts: ts.optional() }).optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().max(255),
        value: z.string().max(2000).optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});

/** `app_mention`: someone wrote @Clara in a channel the app is in. */
export const appMentionSchema = z.object({
  type: z.literal('app_mention'),
  user: id,
  text: z.string(),
  ts,
  channel: id,
  // Present when the mention was written inside a thread.
  thread_ts: ts.optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  // Set on posts by apps (another app's mention of Clara, Clara's own messages).
  bot_profile: z.unknown().optional(),
});

/** `message.*` events (DMs, thread replies). Edits, deletions and bot posts carry a `subtype` or `bot_id`. */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: id,
  // "im" for a DM with the app, "channel"/"group"/"mpim" otherwise.
  channel_type: z.string().optional(),
  user: id.optional(),
  text: z.string().optional(),
  ts,
  thread_ts: ts.optional(),
  bot_id: z.string().optional(),
  bot_profile: z.unknown().optional(),
  // `file_share`: a message with files (and maybe text); `thread_broadcast`: a thread reply also sent to the channel.
  files: z.array(z.unknown()).optional(),
});

export type EventCallback = z.infer<typeof eventCallbackSchema>;
export type BlockActions = z.infer<typeof blockActionsSchema>;
export type AppMention = z.infer<typeof appMentionSchema>;
export type MessageEvent = z.infer<typeof messageEventSchema>;

/** `assistant_thread_started`: a person opened a new thread in Clara's assistant container (AI apps). */
export const assistantThreadStartedSchema = z.object({
  type: z.literal('assistant_thread_started'),
  assistant_thread: z.object({
    user_id: id,
    // The assistant thread lives in the DM with the app (`D…`); `context` is what the person was viewing.
    channel_id: id,
    thread_ts: ts,
    context: z
      .object({ channel_id: id.optional(), team_id: id.optional(), enterprise_id: id.nullish() })
      .optional(),
  }),
});

/** `app_home_opened`: a person opened Clara's App Home (`tab` says which tab). */
export const appHomeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: id,
  // The DM with the app.
  channel: id.optional(),
  tab: z.string().max(40).optional(),
});
