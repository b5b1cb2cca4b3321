import type { Logger } from '@clara/core';
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './post-answer';

/**
 * Whether anyone other than `authorId` (bots and Clara aside) has written in a thread, read
 * with `conversations.replies` (channels:history / groups:history). A failed read counts as
 * nobody, so a follow-up is still answered as before.
 */
export async function othersInThread(
  client: WebClient,
  logger: Logger,
  thread: { channelId: string; threadTs: string },
  authorId: string,
  botUserId: string | undefined,
): Promise<boolean> {
  try {
    const res = await client.conversations.replies({
      channel: thread.channelId,
      ts: thread.threadTs,
      limit: 200,
    });
    return (res.messages ?? []).some(
      (m) =>
        typeof m.user === 'string' &&
        m.user !== authorId &&
        m.user !== botUserId &&
        m.user !== 'USLACKBOT' &&
        !m.bot_id,
    );
  } catch (error) {
    logger.warn({ slack_error: slackErrorCode(error) }, 'slack thread participants unreadable');
    return false;
  }
}
