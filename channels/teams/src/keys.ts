import { createHash } from 'node:crypto';

// Fixed namespace: the same activity maps to the same message id on every instance.
const namespace = 'clara:teams-activity:v1';

/** A UUID (v5-style, SHA-1) derived from a key: deterministic, so redeliveries are idempotent. */
export function uuidFromKey(key: string): string {
  const bytes = createHash('sha1').update(namespace).update(key).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// turnInputSchema caps session tokens at 200 characters.
const maxSessionToken = 200;

/**
 * The chat session of a Teams conversation: `teams:{conversation.id}`. A channel reply
 * chain has its own conversation id (`19:…@thread.tacv2;messageid=…`), so a thread is one
 * session. Ids too long for a token are hashed (the full id stays in the session metadata).
 */
export function sessionTokenFor(conversationId: string): string {
  const token = `teams:${conversationId}`;
  if (token.length <= maxSessionToken) return token;
  return `teams:sha256:${createHash('sha256').update(conversationId).digest('hex')}`;
}

/**
 * The `channel_events` id of one delivery of an activity to one bot. Activity ids are only
 * unique within a conversation, and two Clara bots in one group chat both receive it.
 */
export function eventIdFor(appId: string | null, conversationId: string, activityId: string): string {
  return `${appId ?? 'emulator'}|${conversationId}|${activityId}`;
}
