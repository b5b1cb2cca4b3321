import type { AssistantMessage } from '@clara/core';
import { WebClient } from '@slack/web-api';
import { escapeMrkdwn } from './mrkdwn';
import { renderReply, type SlackBlock } from './render-reply';
import { slackErrorCode } from './slack-error';

/** What Clara tells an asker once the owner has answered their question. */
export interface SlackFollowup {
  /** The Slack conversation (channel or DM) and thread the question was asked in. */
  channelId: string;
  /** The thread's root ts; null for the top level of a DM (answered there, not in a thread). */
  threadTs: string | null;
  question: string;
  answer: string;
  /** The id of the assistant message this follow-up is stored as (its thumbs rate it). */
  messageId: string;
}

/** The heading of a follow-up. */
export const followupHeading = 'Your question has an answer now';

/**
 * Renders a follow-up: the heading, the question as asked, the owner's answer (as answers are
 * rendered) and the thumbs pair with the action ids every answer's thumbs use.
 */
export function renderFollowup(followup: SlackFollowup): { text: string; blocks: SlackBlock[] } {
  const message: AssistantMessage = {
    message_id: followup.messageId,
    role: 'assistant',
    content: followup.answer,
    timestamp: new Date().toISOString(),
    suggestion_chips: [],
    gap_detected: false,
    matched_qa_ids: [],
    confidence: 1,
    escalation_offered: false,
  };
  const reply = renderReply(message, { bookingUrl: null });
  const heading: SlackBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `:bell: *${followupHeading}*\nYou asked: _${escapeMrkdwn(followup.question)}_`,
    },
  };
  return {
    // `text` is parsed as mrkdwn too (notifications): the question is escaped here as in the blocks.
    text: `${followupHeading}. You asked: ${escapeMrkdwn(followup.question)}\n${reply.text}`.slice(0, 3000),
    blocks: [heading, ...reply.blocks],
  };
}

/** A Slack error that will not go away by retrying (the bot left, was removed or lost its token). */
const permanentErrors = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'team_access_not_granted',
  'thread_not_found',
  'msg_too_long',
  'invalid_blocks',
]);

/** A failed follow-up: the Slack error code (never the token) and whether retrying may help. */
export class FollowupSendError extends Error {
  override name = 'FollowupSendError';
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`Slack refused the follow-up: ${code}`);
  }
}

/**
 * Posts a follow-up with `chat.postMessage` in the asker's thread, with the bot token of the
 * Slack app connected to the workspace. No retries here: the caller's outbox retries.
 */
export async function sendSlackFollowup(
  connection: { botToken: string; slackApiUrl?: string | undefined },
  followup: SlackFollowup,
): Promise<{ ts: string | undefined }> {
  const client = new WebClient(connection.botToken, {
    ...(connection.slackApiUrl ? { slackApiUrl: connection.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
  const { text, blocks } = renderFollowup(followup);
  try {
    const res = await client.chat.postMessage({
      channel: followup.channelId,
      ...(followup.threadTs ? { thread_ts: followup.threadTs } : {}),
      text,
      blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    return { ts: res.ts };
  } catch (error) {
    const code = slackErrorCode(error) ?? 'unknown_error';
    throw new FollowupSendError(code, permanentErrors.has(code));
  }
}
