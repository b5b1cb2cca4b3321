import { type ChatMessage, ClaraError } from '@clara/core';
import type { SqlExecutor } from '../database';
import { insertGap } from './gaps';

/** A visitor's thumbs rating on one assistant message. */
export interface FeedbackInput {
  workspaceId: string;
  sessionToken: string;
  /** The assistant message's id. */
  messageId: string;
  rating: 'up' | 'down';
}

/** What was stored: the rating as it now stands, and whether a gap was filed for the owner. */
export interface FeedbackResult {
  message_id: string;
  feedback: 'up' | 'down';
  feedback_at: string;
  gap_filed: boolean;
}

/**
 * Stores a rating on the assistant message in `chat_sessions.messages` (run it in a
 * transaction: the session row is locked). Repeating the same rating changes nothing;
 * changing it is allowed. A thumbs-down on an answered (non-gap) message files a gap
 * (question = the preceding user message, `ai_answer` = the answer; one open gap per
 * question). Unknown session or message: `not_found`; a user message: `bad_request`.
 */
export async function recordFeedback(sql: SqlExecutor, input: FeedbackInput): Promise<FeedbackResult> {
  const [session] = await sql.query<{ id: string; messages: ChatMessage[] }>(
    'SELECT id, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2 FOR UPDATE',
    [input.workspaceId, input.sessionToken],
  );
  const index = session?.messages.findIndex((m) => m.message_id === input.messageId) ?? -1;
  const message = session?.messages[index];
  if (!session || !message) throw new ClaraError('not_found', 'No message with this id in this session.');
  if (message.role !== 'assistant') throw new ClaraError('bad_request', 'Only an answer can be rated.');

  if (message.feedback === input.rating && message.feedback_at) {
    return {
      message_id: message.message_id,
      feedback: input.rating,
      feedback_at: message.feedback_at,
      gap_filed: false,
    };
  }
  const feedbackAt = new Date().toISOString();
  await sql.query(
    `UPDATE chat_sessions
     SET messages = jsonb_set(messages, ARRAY[$2::text],
       (messages -> $3::int) || jsonb_build_object('feedback', $4::text, 'feedback_at', $5::text))
     WHERE id = $1`,
    [session.id, String(index), index, input.rating, feedbackAt],
  );

  let gapFiled = false;
  if (input.rating === 'down' && !message.gap_detected) {
    // A follow-up to an answered gap rates the answer to that gap's question.
    const followupOf = (message as { followup_of?: { question?: unknown } }).followup_of?.question;
    const question =
      typeof followupOf === 'string'
        ? { content: followupOf }
        : session.messages
            .slice(0, index)
            .reverse()
            .find((m) => m.role === 'user');
    if (question) {
      // The matched pair may have been deleted since: keep the gap, drop the dangling link.
      const [match] = await sql.query<{ id: string }>(
        'SELECT id FROM qa_pairs WHERE id = $1 AND workspace_id = $2',
        [message.matched_qa_ids?.[0] ?? null, input.workspaceId],
      );
      gapFiled = await insertGap(sql, input.workspaceId, session.id, {
        question: question.content,
        aiAnswer: message.content,
        bestMatchId: match?.id ?? null,
        similarityScore: null,
      });
    }
  }
  return {
    message_id: message.message_id,
    feedback: input.rating,
    feedback_at: feedbackAt,
    gap_filed: gapFiled,
  };
}
