import { createHash } from 'node:crypto';
import { hasVisibleText } from '@clara/core';

// A fixed namespace: the same Slack message gives the same Clara message id on every instance.
const namespace = 'clara:slack-message:v1';

/** A deterministic UUID (v5-style, SHA-1) for a Slack message or click, so retries are idempotent at the engine too. */
export function slackMessageId(...parts: string[]): string {
  const bytes = createHash('sha1').update(namespace).update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Where a Slack conversation lives: the channel and the thread Clara answers in. */
export interface SlackPlace {
  teamId: string;
  channelId: string;
  /** The thread's root ts; undefined for the top level of a DM (answered in the DM, not in a thread). */
  threadTs: string | undefined;
  /** The Enterprise Grid org of an org-wide install (its connection is stored under this id). */
  enterpriseId?: string | undefined;
}

/** One `chat_sessions` row per Slack thread: `slack:{team}:{channel}:{thread_ts}`; a DM's top level is `…:dm`. */
export function sessionTokenFor(place: SlackPlace): string {
  return `slack:${place.teamId}:${place.channelId}:${place.threadTs ?? 'dm'}`;
}

/** `chat_sessions.metadata` for a Slack session. */
export function sessionMetadataFor(place: SlackPlace, userId: string): Record<string, unknown> {
  return {
    channel: 'slack',
    slack: {
      team_id: place.teamId,
      channel_id: place.channelId,
      user_id: userId,
      thread_ts: place.threadTs ?? null,
      ...(place.enterpriseId ? { enterprise_id: place.enterpriseId } : {}),
    },
  };
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack message text → the plain question: the bot's own mention removed, other mentions,
 * channel links and URLs turned into readable text, Slack's three HTML entities decoded; ''
 * when nothing visible is left (only zero-width, filler or combining characters: an empty
 * message, not a question).
 */
export function questionFromSlackText(text: string, botUserId: string | undefined): string {
  const question = text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, user: string, label?: string) =>
      user === botUserId ? '' : `@${label || user}`,
    )
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? '')
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<([^<>]+)>/g, '$1')
    .replace(/&(amp|lt|gt);/g, (m) => entities[m] ?? m)
    .replace(/[ \t]+/g, ' ')
    .trim();
  return hasVisibleText(question) ? question : '';
}
