import type { SqlExecutor } from '../database';
import { askedBy, offeredPairs, unansweredAsk } from './admin-gaps';

/** An open gap as the grouped inbox reads it: where it was asked, and whether a visitor disliked an answer. */
export interface InboxGapRow {
  id: string;
  question: string;
  ai_answer: string | null;
  similarity_score: number | null;
  session_id: string | null;
  created_at: Date;
  best_match: { id: string; question: string } | null;
  /** The pairs the visitor was offered as "Did you mean…?" (still active), in the order shown. */
  offered_pairs: { id: string; question: string }[];
  /** The session's channel (`web` when unrecorded); null when the session is gone. */
  channel: string | null;
  /** Filed by a thumbs-down on an answer (`ai_answer` is the answer the visitor disliked). */
  disliked: boolean;
  /**
   * A visitor rated down the reply they got for this wording while the gap is open: a "Did you
   * mean…?" (`clarify`) or the honest gap reply (`gap`), the latest such; null when none was.
   * Such a thumbs-down files no gap of its own (the ask already counts on this one).
   */
  disliked_reply: 'clarify' | 'gap' | null;
  /** Filed from a request for a person, a call, a demo or a quote (the reply's `asked_for_person`). */
  asked_for_person: boolean;
  /** How many times visitors asked this exact wording (case-insensitive) since the gap was filed and were not answered, at least 1. */
  asks: number;
  last_asked_at: Date;
  /** Who asked, as their session knows them (a widget visitor's name and email), or null. */
  asked_by: { name: string | null; email: string | null } | null;
}

/**
 * The workspace's open gaps, newest first, for the grouped inbox. A gap is `asked_for_person`
 * when its session holds the reply it was filed with, flagged as a request for a person (the
 * reply's text is the gap's `ai_answer`). A gap is `disliked` when its
 * session holds the thumbs-down answer it was filed from (an answered reply, not a gap reply,
 * rated down, whose text is the gap's `ai_answer`); `asks` counts the visitors' messages with
 * the same wording since the gap was filed (one open gap per wording is stored) that Clara did
 * not answer (`unansweredAsk`): a visitor who got a confident answer is not waiting for one;
 * `disliked_reply` is set when one of those asks' gap or "Did you mean…?" reply was rated down.
 */
export async function listInboxGaps(
  sql: SqlExecutor,
  workspaceId: string,
  limit: number,
): Promise<InboxGapRow[]> {
  return sql.query<InboxGapRow>(
    `WITH open_gaps AS (
       SELECT g.* FROM qa_gaps g WHERE g.workspace_id = $1 AND g.status = 'open'
       ORDER BY g.created_at DESC LIMIT $2
     ), asks AS (
       SELECT lower(x.m->>'content') AS q, (x.m->>'timestamp')::timestamptz AS at,
         CASE WHEN (s.messages -> x.i::int) ->> 'feedback' = 'down'
           AND coalesce(((s.messages -> x.i::int) ->> 'gap_detected')::boolean, false)
           THEN coalesce((s.messages -> x.i::int) ->> 'reply_kind', 'gap') END AS disliked_reply
       FROM chat_sessions s, jsonb_array_elements(s.messages) WITH ORDINALITY AS x(m, i)
       WHERE s.workspace_id = $1 AND x.m->>'role' = 'user'
         AND s.updated_at >= (SELECT min(created_at) FROM open_gaps)
         AND lower(x.m->>'content') IN (SELECT lower(question) FROM open_gaps)
         AND (x.m->>'timestamp')::timestamptz >= (SELECT min(created_at) FROM open_gaps) - interval '1 minute'
         AND ${unansweredAsk('x.i')}
     ), asked AS (
       SELECT g.id AS gap_id, count(*)::int AS n, max(a.at) AS last_at,
         (array_agg(a.disliked_reply ORDER BY a.at DESC) FILTER (WHERE a.disliked_reply IS NOT NULL))[1] AS disliked_reply
       FROM open_gaps g JOIN asks a ON a.q = lower(g.question) AND a.at >= g.created_at - interval '1 minute'
       GROUP BY g.id
     )
     SELECT g.id, g.question, g.ai_answer, g.similarity_score, g.session_id, g.created_at,
       CASE WHEN b.id IS NULL THEN NULL ELSE jsonb_build_object('id', b.id, 'question', b.question) END AS best_match,
       ${offeredPairs} AS offered_pairs,
       CASE WHEN s.id IS NULL THEN NULL ELSE coalesce(s.metadata->>'channel', 'web') END AS channel,
       coalesce((SELECT bool_or(true) FROM jsonb_array_elements(s.messages) m
         WHERE m->>'role' = 'assistant' AND m->>'feedback' = 'down'
           AND NOT coalesce((m->>'gap_detected')::boolean, false) AND m->>'content' = g.ai_answer), false) AS disliked,
       coalesce((SELECT bool_or(true) FROM jsonb_array_elements(s.messages) m
         WHERE m->>'role' = 'assistant' AND coalesce((m->>'asked_for_person')::boolean, false)
           AND m->>'content' = g.ai_answer), false) AS asked_for_person,
       CASE WHEN a.disliked_reply IN ('clarify', 'gap') THEN a.disliked_reply END AS disliked_reply,
       greatest(coalesce(a.n, 0), 1) AS asks,
       greatest(coalesce(a.last_at, g.created_at), g.created_at) AS last_asked_at,
       ${askedBy} AS asked_by
     FROM open_gaps g
     LEFT JOIN qa_pairs b ON b.id = g.best_match_id
     LEFT JOIN chat_sessions s ON s.id = g.session_id
     LEFT JOIN asked a ON a.gap_id = g.id
     ORDER BY g.created_at DESC`,
    [workspaceId, limit],
  );
}
