import type { ChatMessage } from '@clara/core';
import type { SqlExecutor } from '../database';
import { unansweredAsk } from './admin-gaps';

/** The admin's filters and page over conversations (`GET /api/admin/conversations`). */
export interface ConversationListQuery {
  page: number;
  page_size: number;
  escalated?: 'true' | 'false' | undefined;
  had_gap?: 'true' | 'false' | undefined;
  channel?: string | undefined;
}

/**
 * The replies of the conversation that filed or joined a gap: a gap or a "Did you mean…?"
 * (`gap_detected`), or an answer the visitor rated down (which files a gap too). The same replies
 * `unansweredAsk` reads, so `open_gap_count` (the gaps among them still open) is never larger.
 */
const gapCount = `(SELECT count(*) FROM jsonb_array_elements(s.messages) m
  WHERE m->>'role' = 'assistant'
    AND (coalesce((m->>'gap_detected')::boolean, false) OR m->>'feedback' = 'down'))::int`;

/**
 * The open gaps the conversation is part of: those filed from it, and those for a question its
 * visitor asked (same wording, case-insensitive) since the gap was filed and Clara did not answer
 * (`unansweredAsk`), as the inbox counts asks. One open gap per wording is kept, so a gap another
 * session filed first is this one's too; a conversation whose ask of that wording got an answer
 * is not. Not one a visitor answered by picking a "Did you mean…?" question, nor one the owner
 * closed since.
 */
const openGapCount = `(SELECT count(*) FROM qa_gaps g
  WHERE g.workspace_id = s.workspace_id AND g.status = 'open'
    AND (g.session_id = s.id OR lower(g.question) IN (
      SELECT lower(x.m->>'content') FROM jsonb_array_elements(s.messages) WITH ORDINALITY AS x(m, i)
      WHERE x.m->>'role' = 'user' AND (x.m->>'timestamp')::timestamptz >= g.created_at - interval '1 minute'
        AND ${unansweredAsk('x.i')})))::int`;

/**
 * The visitor asked for a person, a call, a demo or a quote: a reply says so (`asked_for_person`,
 * set whether or not a booking link could be offered), or, in replies stored before that flag, a
 * reply offered the booking link without being a gap. (The stored `chat_sessions.escalated` is
 * set whenever the link was offered, which also happens after two unanswered questions in a row:
 * a gap reply with the offer.)
 */
const askedForPerson = `EXISTS (SELECT 1 FROM jsonb_array_elements(s.messages) m
  WHERE m->>'role' = 'assistant' AND (coalesce((m->>'asked_for_person')::boolean, false)
    OR (coalesce((m->>'escalation_offered')::boolean, false)
      AND NOT coalesce((m->>'gap_detected')::boolean, false))))`;

/** A conversation in the admin's list (`ConversationSummary` in `@clara/contract`, before JSON). */
export interface ConversationListRow {
  id: string;
  created_at: Date;
  updated_at: Date;
  visitor_name: string | null;
  visitor_email: string | null;
  /** The visitor asked for a person, a call, a demo or a quote. */
  escalated: boolean;
  /** The booking link was offered (also after two unanswered questions in a row). */
  booking_offered: boolean;
  channel: string;
  message_count: number;
  first_question: string | null;
  /** Replies that filed or joined a gap (gaps, "Did you mean…?", answers rated down), however they ended. */
  gap_count: number;
  /** Open gaps in the inbox filed from this conversation or for a question it asked since. */
  open_gap_count: number;
}

/** One page of the workspace's conversations, most recently updated first, with the total. */
export async function listConversations(
  sql: SqlExecutor,
  workspaceId: string,
  q: ConversationListQuery,
): Promise<{ items: ConversationListRow[]; total: number }> {
  const where = ['s.workspace_id = $1'];
  const params: unknown[] = [workspaceId];
  if (q.escalated) where.push(q.escalated === 'true' ? askedForPerson : `NOT ${askedForPerson}`);
  if (q.had_gap) where.push(`${gapCount} ${q.had_gap === 'true' ? '>' : '='} 0`);
  if (q.channel) {
    params.push(q.channel);
    where.push(`coalesce(s.metadata->>'channel', 'web') = $${params.length}`);
  }
  const filter = where.join(' AND ');
  const [count] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_sessions s WHERE ${filter}`,
    params,
  );
  const items = await sql.query<ConversationListRow>(
    `SELECT s.id, s.created_at, s.updated_at, s.visitor_name, s.visitor_email,
       ${askedForPerson} AS escalated, s.escalated AS booking_offered,
       coalesce(s.metadata->>'channel', 'web') AS channel,
       jsonb_array_length(s.messages) AS message_count,
       (SELECT m->>'content' FROM jsonb_array_elements(s.messages) m WHERE m->>'role' = 'user' LIMIT 1) AS first_question,
       ${gapCount} AS gap_count, ${openGapCount} AS open_gap_count
     FROM chat_sessions s WHERE ${filter}
     ORDER BY s.updated_at DESC, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.page_size, (q.page - 1) * q.page_size],
  );
  return { items, total: count?.n ?? 0 };
}

/** One conversation as the admin reads it: its messages, flags and channel. */
export interface ConversationDetail
  extends Omit<ConversationListRow, 'message_count' | 'first_question' | 'gap_count' | 'open_gap_count'> {
  escalated_at: Date | null;
  messages: ChatMessage[];
}

/** One conversation of the workspace with its transcript, or null. */
export async function getConversation(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
): Promise<ConversationDetail | null> {
  const [session] = await sql.query<ConversationDetail>(
    `SELECT id, created_at, updated_at, visitor_name, visitor_email, ${askedForPerson} AS escalated,
       s.escalated AS booking_offered, escalated_at, coalesce(metadata->>'channel', 'web') AS channel, messages
     FROM chat_sessions s WHERE id = $1 AND workspace_id = $2`,
    [id, workspaceId],
  );
  return session ?? null;
}
