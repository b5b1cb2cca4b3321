import type { FakeSlackMessage } from './fake-slack-api';

const after = (oldest: unknown) => {
  const bound = Number(oldest);
  return (m: FakeSlackMessage) => !Number.isFinite(bound) || oldest === undefined || Number(m.ts) > bound;
};

/**
 * `conversations.replies` (a thread, oldest first, the parent first) and `conversations.history`
 * (the top level, newest first) as Slack answers them: messages after `oldest`, `limit` per page
 * with a `next_cursor`, and each message's `metadata` only with `include_all_metadata`.
 */
export function readConversation(
  method: 'conversations.replies' | 'conversations.history',
  a: Record<string, unknown>,
  messages: FakeSlackMessage[],
): Record<string, unknown> {
  const byTs = (x: FakeSlackMessage, y: FakeSlackMessage) => Number(x.ts) - Number(y.ts);
  let found: FakeSlackMessage[];
  if (method === 'conversations.replies') {
    const root = String(a.ts);
    const parent = messages.filter((m) => m.ts === root);
    const replies = messages.filter((m) => m.thread_ts === root && m.ts !== root).filter(after(a.oldest));
    found = [...parent, ...replies.sort(byTs)];
  } else {
    found = messages
      .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)
      .filter(after(a.oldest))
      .sort(byTs)
      .reverse();
  }
  const withMetadata = a.include_all_metadata === true || a.include_all_metadata === 'true';
  const start = Number(a.cursor ?? 0) || 0;
  const limit = Math.max(1, Number(a.limit ?? 1000) || 1000);
  const page = found.slice(start, start + limit).map(({ metadata, ...m }) => ({
    ...m,
    ...(withMetadata && metadata ? { metadata } : {}),
  }));
  const more = start + limit < found.length;
  return {
    ok: true,
    messages: page,
    has_more: more,
    ...(more ? { response_metadata: { next_cursor: String(start + limit) } } : {}),
  };
}
