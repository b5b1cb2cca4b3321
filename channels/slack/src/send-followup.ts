import type { AssistantMessage } from '@clara/core';
import { WebClient } from '@slack/web-api';
import { classifySlackFailure, FollowupSendError } from './followup-failure';
import { findPostedFollowup, followupEventType } from './followup-lookup';
import { escapeMrkdwn } from './mrkdwn';
import { renderReply, type SlackBlock } from './render-reply';

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

/**
 * Posts a follow-up with `chat.postMessage` in the asker's thread, with the bot token of the
 * Slack app connected to the workspace, tagged with message metadata (`event_type`
 * `clara_gap_followup`, payload `{ message_id }`). No retries here: the caller's outbox
 * retries. When an earlier attempt may have been posted (`maybeSentSince`, epoch ms), it is
 * looked up first (`findPostedFollowup`) and not posted again if found (`found: true`).
 */
export async function sendSlackFollowup(
  connection: { botToken: string; slackApiUrl?: string | undefined; timeoutMs?: number | undefined },
  followup: SlackFollowup,
  attempt: { maybeSentSince: number | null } = { maybeSentSince: null },
): Promise<{ ts: string | undefined; found: boolean }> {
  const client = new WebClient(connection.botToken, {
    ...(connection.slackApiUrl ? { slackApiUrl: connection.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: connection.timeoutMs ?? 10_000,
  });
  const { channelId, threadTs, messageId } = followup;
  if (attempt.maybeSentSince !== null) {
    const ts = await findPostedFollowup(client, {
      channelId,
      threadTs,
      messageId,
      since: attempt.maybeSentSince,
    });
    if (ts !== null) return { ts, found: true };
  }
  const { text, blocks } = renderFollowup(followup);
  try {
    const res = await client.chat.postMessage({
      channel: channelId,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text,
      blocks,
      unfurl_links: false,
      unfurl_media: false,
      // Returned by conversations.replies/history with include_all_metadata: how a retry finds it.
      metadata: { event_type: followupEventType, event_payload: { message_id: messageId } },
    });
    return { ts: res.ts, found: false };
  } catch (error) {
    const { code, permanent, maybeDelivered } = classifySlackFailure(error);
    throw new FollowupSendError(code, permanent, maybeDelivered);
  }
}
