import { createHash } from 'node:crypto';

// A fixed namespace so the reply id of a user message is the same on every instance.
const namespace = 'clara:assistant-reply:v1';

/**
 * A message id in the one form ids are compared in (lower case: the chat API's UUIDs differ
 * in letter case only in spelling). Every comparison of stored message ids goes through it.
 */
export function canonicalMessageId(messageId: string): string {
  return messageId.toLowerCase();
}

/** Whether two message ids name the same message (compared in their canonical form). */
export function sameMessageId(a: string, b: string): boolean {
  return canonicalMessageId(a) === canonicalMessageId(b);
}

/**
 * The assistant reply's `message_id`, derived from the user message id (UUIDv5-style,
 * SHA-1). Deterministic, so a retried request finds the reply it already got.
 */
export function replyIdFor(userMessageId: string): string {
  const bytes = createHash('sha1')
    .update(namespace)
    .update(canonicalMessageId(userMessageId))
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
