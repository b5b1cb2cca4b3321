import { thinkingText } from '@clara/channel-slack';
import { signSlackRequest } from '@clara/channel-slack/testing';
import type { Database } from '@clara/supabase';
import type { FakeSlackApi, SlackApiCall } from '@clara/testkit/slack';

/** Posts a body to a Clara server's Slack endpoint, signed with `secret` (timestamp: Unix seconds, default now). */
export function postToSlack(
  baseUrl: string,
  secret: string,
  body: string | Record<string, unknown>,
  options: { headers?: Record<string, string>; timestamp?: number; path?: string } = {},
) {
  const form = typeof body === 'string';
  const raw = form ? body : JSON.stringify(body);
  const signed = signSlackRequest(
    secret,
    raw,
    form ? 'application/x-www-form-urlencoded' : 'application/json',
    options.timestamp,
  );
  return fetch(`${baseUrl}${options.path ?? '/slack/events'}`, {
    method: 'POST',
    headers: { ...signed.headers, ...options.headers },
    body: signed.body,
  });
}

const inPlace = (c: SlackApiCall, channel: string, threadTs: string | undefined) =>
  c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === threadTs;

/**
 * Waits for Clara's answer in a Slack conversation: the "Thinking…" placeholder, then the
 * answer posted as a new message with its blocks (the placeholder is deleted). `ts` is the answer's.
 */
export async function answerIn(slack: FakeSlackApi, channel: string, threadTs: string | undefined) {
  const thinking = await slack.waitForCall(
    (c) => inPlace(c, channel, threadTs) && c.args.text === thinkingText,
  );
  const final = await slack.waitForCall(
    (c) =>
      inPlace(c, channel, threadTs) &&
      Array.isArray(c.args.blocks) &&
      calls(slack).indexOf(c) > calls(slack).indexOf(thinking),
  );
  return { thinking, final, ts: String(final.response?.ts), text: JSON.stringify(final.args.blocks) };
}

const calls = (slack: FakeSlackApi) => slack.calls;

/** Clara's posts in a conversation so far, placeholders left out (one per answer or notice). */
export const postsIn = (slack: FakeSlackApi, channel: string, threadTs?: string): SlackApiCall[] =>
  slack
    .callsTo('chat.postMessage')
    .filter((c) => inPlace(c, channel, threadTs) && c.args.text !== thinkingText);

export interface SlackSessionRow {
  id: string;
  visitor_name: string | null;
  metadata: Record<string, unknown>;
  messages: {
    message_id: string;
    role: string;
    content: string;
    suggestion_chips?: string[];
    gap_detected?: boolean;
  }[];
}

/** The chat session row of a Slack conversation. */
export async function slackSession(db: Database, workspaceId: string, sessionToken: string) {
  const [row] = await db.query<SlackSessionRow>(
    'SELECT id, visitor_name, metadata, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
    [workspaceId, sessionToken],
  );
  return row;
}
