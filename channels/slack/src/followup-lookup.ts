import type { WebClient } from '@slack/web-api';
import { classifySlackFailure, FollowupSendError, permanentSlackErrors } from './followup-failure';

/** The `event_type` of the message metadata every follow-up is posted with (payload: its message id). */
export const followupEventType = 'clara_gap_followup';

// Slack's `ts` is Slack's clock, `since` is the database's: look a few minutes earlier.
const skewSeconds = 300;
const pageSize = 200;
const maxPages = 5;

/**
 * Looks for a follow-up an earlier attempt may have posted: the messages of the thread
 * (`conversations.replies`) or, for the top level of a DM, of the conversation
 * (`conversations.history`) since `since`, with `include_all_metadata` so each carries the
 * metadata it was posted with. Returns the message's ts, or null when the whole range was read
 * and it is not there. Needs the history scope of the conversation's type (channels:history,
 * groups:history, im:history, mpim:history). Throws a FollowupSendError: `canCheck: false`
 * (do not post blindly) when Slack will not let it read (`missing_scope`, `not_in_channel`, …)
 * or the range is too long to read; retryable when the read itself failed.
 */
export async function findPostedFollowup(
  client: WebClient,
  place: { channelId: string; threadTs: string | null; messageId: string; since: number },
): Promise<string | null> {
  const oldest = Math.max(0, place.since / 1000 - skewSeconds).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    let res: Awaited<ReturnType<WebClient['conversations']['history']>>;
    try {
      const common = {
        channel: place.channelId,
        oldest,
        limit: pageSize,
        include_all_metadata: true,
        cursor,
      };
      res = place.threadTs
        ? await client.conversations.replies({ ...common, ts: place.threadTs })
        : await client.conversations.history(common);
    } catch (error) {
      const failure = classifySlackFailure(error);
      if (permanentSlackErrors.has(failure.code))
        throw new FollowupSendError(`lookup_${failure.code}`, true, true, false);
      throw new FollowupSendError(`lookup_${failure.code}`, false);
    }
    const hit = (res.messages ?? []).find((m) => {
      const metadata = m.metadata as
        | { event_type?: unknown; event_payload?: { message_id?: unknown } }
        | undefined;
      return (
        metadata?.event_type === followupEventType && metadata.event_payload?.message_id === place.messageId
      );
    });
    if (hit) return hit.ts ?? '';
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  throw new FollowupSendError('lookup_too_many_messages', true, true, false);
}
