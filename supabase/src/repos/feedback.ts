import { type ChatMessage, ClaraError, sameMessageId } from '@clara/core';
import type { SqlExecutor } from '../database';
import { withdrawDislikedGap } from './feedback-withdraw';
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
 * question). Taking a thumbs-down back (rating up) withdraws the gap it filed while that gap is
 * open and no other ask is counted on it (`withdrawDislikedGap`). Unknown session or message:
 * `not_found`; a user message: `bad_request`.
 */
export async function recordFeedback(sql: SqlExecutor, input: FeedbackInput): Promise<FeedbackResult> {
  const [session] = await sql.query<{ id: string; messages: ChatMessage[] }>(
    'SELECT id, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2 FOR UPDATE',
    [input.workspaceId, input.sessionToken],
  );
  const index = session?.messages.findIndex((m) => sameMessageId(m.message_id, input.messageId)) ?? -1;
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
  const question = message.gap_detected
    ? undefined
    : ratedQuestion(message, session.messages.slice(0, index));
  if (input.rating === 'down' && question) {
    // The matched pair may have been deleted since: keep the gap, drop the dangling link.
    const [match] = await sql.query<{ id: string }>(
      'SELECT id FROM qa_pairs WHERE id = $1 AND workspace_id = $2',
      [message.matched_qa_ids?.[0] ?? null, input.workspaceId],
    );
    gapFiled = await insertGap(sql, input.workspaceId, session.id, {
      question,
      aiAnswer: message.content,
      bestMatchId: match?.id ?? null,
      similarityScore: null,
    });
  } else if (message.feedback === 'down' && question) {
    // The thumbs-down is taken back: so is the gap it filed, if nothing else holds it open.
    await withdrawDislikedGap(sql, {
      workspaceId: input.workspaceId,
      sessionId: session.id,
      question,
      aiAnswer: message.content,
    });
  }
  return {
    message_id: message.message_id,
    feedback: input.rating,
    feedback_at: feedbackAt,
    gap_filed: gapFiled,
  };
}

/**
 * The question an answer answered: a follow-up to an answered gap rates the answer to that gap's
 * question, any other answer the visitor message before it (`earlier`: the messages before it).
 */
function ratedQuestion(message: ChatMessage, earlier: readonly ChatMessage[]): string | undefined {
  const followupOf = (message as { followup_of?: { question?: unknown } }).followup_of?.question;
  if (typeof followupOf === 'string') return followupOf;
  return [...earlier].reverse().find((m) => m.role === 'user')?.content;
}
