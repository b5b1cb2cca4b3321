import { type ChoiceInput, ClaraError, type GapInput, questionKey } from '@clara/core';
import type { SqlExecutor } from '../database';

export { type InboxGapRow, listInboxGaps } from './inbox-gaps';

/**
 * Files a gap unless an open gap with the same question (case-insensitive) exists. With
 * `joinDismissed` (a visitor's ask the chat could not answer), a question the owner dismissed
 * (same `questionKey`; gaps filed before `question_key` existed: same lower-cased text) is filed
 * dismissed, attached to that dismissed gap (`dismissed_gap_id`), unless an open gap with its
 * wording or key exists: the Dismissed tab counts the ask on it and the open inbox never shows it.
 */
export async function insertGap(
  sql: SqlExecutor,
  workspaceId: string,
  sessionId: string | null,
  gap: GapInput,
  options: { joinDismissed?: boolean } = {},
): Promise<boolean> {
  const values = [
    workspaceId,
    gap.question,
    gap.aiAnswer,
    gap.bestMatchId,
    gap.similarityScore,
    sessionId,
    [...(gap.offeredQaIds ?? [])],
    questionKey(gap.question),
  ];
  if (options.joinDismissed) {
    const joined = await sql.query(
      `INSERT INTO qa_gaps (workspace_id, question, ai_answer, best_match_id, similarity_score, session_id,
         offered_qa_ids, question_key, status, dismissed_gap_id)
       SELECT $1::uuid, $2::text, $3::text, $4::uuid, $5::float8, $6::uuid, $7::uuid[], $8::text, 'dismissed', d.id
         FROM qa_gaps d
        WHERE d.workspace_id = $1 AND d.status = 'dismissed' AND d.dismissed_gap_id IS NULL
          AND (d.question_key = $8 OR (d.question_key IS NULL AND lower(d.question) = lower($2)))
          AND NOT EXISTS (SELECT 1 FROM qa_gaps o WHERE o.workspace_id = $1 AND o.status = 'open'
                            AND (lower(o.question) = lower($2) OR o.question_key = $8))
        ORDER BY d.created_at DESC, d.id LIMIT 1
       RETURNING id`,
      values,
    );
    if (joined.length > 0) return true;
  }
  const rows = await sql.query(
    `INSERT INTO qa_gaps (workspace_id, question, ai_answer, best_match_id, similarity_score, session_id,
       offered_qa_ids, question_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8)
     ON CONFLICT (workspace_id, lower(question)) WHERE status = 'open' DO NOTHING
     RETURNING id`,
    values,
  );
  return rows.length > 0;
}

export interface GapRow {
  id: string;
  question: string;
  ai_answer: string | null;
  best_match_id: string | null;
  similarity_score: number | null;
  session_id: string | null;
  status: 'open' | 'resolved' | 'dismissed';
  created_at: Date;
}

export async function listGaps(sql: SqlExecutor, workspaceId: string, status = 'open'): Promise<GapRow[]> {
  return sql.query<GapRow>(
    `SELECT id, question, ai_answer, best_match_id, similarity_score, session_id, status, created_at
     FROM qa_gaps WHERE workspace_id = $1 AND status = $2 ORDER BY created_at DESC`,
    [workspaceId, status],
  );
}

/**
 * A visitor picked one of the offered questions for `choice.question`: the open gap for that
 * question (case-insensitive) is resolved with the chosen pair, and the choice is recorded. The
 * pair must be in the same workspace; returns whether a gap was updated.
 */
export async function recordChoice(
  sql: SqlExecutor,
  workspaceId: string,
  choice: ChoiceInput,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE qa_gaps g
     SET status = 'resolved', resolved_qa_id = $3, chosen_qa_id = $3, chosen_at = now()
     WHERE g.workspace_id = $1 AND g.status = 'open' AND lower(g.question) = lower($2)
       AND EXISTS (SELECT 1 FROM qa_pairs p WHERE p.id = $3 AND p.workspace_id = $1)
     RETURNING g.id`,
    [workspaceId, choice.question, choice.qaId],
  );
  return rows.length > 0;
}

/** A gap answered by a visitor's choice among "Did you mean…?" suggestions. */
export interface GapChoiceRow {
  gap_id: string;
  question: string;
  session_id: string | null;
  chosen_qa_id: string;
  chosen_question: string | null;
  chosen_at: Date;
}

/** The workspace's recorded choices, newest first (the owner reviews them as new phrasings). */
export async function listGapChoices(
  sql: SqlExecutor,
  workspaceId: string,
  limit = 100,
): Promise<GapChoiceRow[]> {
  return sql.query<GapChoiceRow>(
    `SELECT g.id AS gap_id, g.question, g.session_id, g.chosen_qa_id, p.question AS chosen_question, g.chosen_at
     FROM qa_gaps g LEFT JOIN qa_pairs p ON p.id = g.chosen_qa_id
     WHERE g.workspace_id = $1 AND g.chosen_qa_id IS NOT NULL
     ORDER BY g.chosen_at DESC LIMIT $2`,
    [workspaceId, limit],
  );
}

/**
 * Locks the given gaps for a group action: every id must be one of the workspace's gaps
 * (`not_found`) and still open (`conflict`: someone closed it meanwhile).
 */
export async function lockOpenGaps(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<void> {
  const rows = await sql.query<{ id: string; status: string }>(
    'SELECT id, status FROM qa_gaps WHERE workspace_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE',
    [workspaceId, [...new Set(ids)]],
  );
  if (rows.length !== new Set(ids).size)
    throw new ClaraError('not_found', 'A gap in this group no longer exists.');
  const closed = rows.find((r) => r.status !== 'open');
  if (closed) throw new ClaraError('conflict', `A gap in this group is already ${closed.status}.`);
}

/** The owner closes several open gaps at once (resolved with one pair, or dismissed); returns how many changed. */
export async function closeGaps(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
  status: 'resolved' | 'dismissed',
  resolvedQaId: string | null,
): Promise<number> {
  const rows = await sql.query(
    `UPDATE qa_gaps SET status = $3, resolved_qa_id = $4, owner_handled_at = now()
     WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND status = 'open' RETURNING id`,
    [workspaceId, [...new Set(ids)], status, resolvedQaId],
  );
  return rows.length;
}

/** A visitor's choice waiting for the owner's review, with the chosen pair's current answer. */
export interface ChoiceToReviewRow {
  gap_id: string;
  question: string;
  chosen_qa_id: string;
  chosen_question: string;
  chosen_answer: string;
  chosen_category: string;
  chosen_at: Date;
}

/**
 * Recorded choices not yet accepted or dismissed by the owner, newest first, whose chosen pair
 * still exists and does not already have the visitor's wording as its own question.
 */
export async function listChoicesToReview(
  sql: SqlExecutor,
  workspaceId: string,
  limit = 100,
): Promise<ChoiceToReviewRow[]> {
  return sql.query<ChoiceToReviewRow>(
    `SELECT g.id AS gap_id, g.question, g.chosen_qa_id, p.question AS chosen_question,
       p.answer AS chosen_answer, p.category AS chosen_category, g.chosen_at
     FROM qa_gaps g JOIN qa_pairs p ON p.id = g.chosen_qa_id AND p.workspace_id = g.workspace_id
     WHERE g.workspace_id = $1 AND g.chosen_qa_id IS NOT NULL AND g.choice_review IS NULL
       AND lower(p.question) <> lower(g.question)
     ORDER BY g.chosen_at DESC LIMIT $2`,
    [workspaceId, limit],
  );
}

/**
 * The choice on this gap, locked for review: `not_found` if the gap is not the workspace's or has
 * no recorded choice (or its pair is gone), `conflict` if it was already reviewed.
 */
export async function choiceForReview(
  sql: SqlExecutor,
  workspaceId: string,
  gapId: string,
): Promise<ChoiceToReviewRow> {
  const [row] = await sql.query<ChoiceToReviewRow & { choice_review: string | null }>(
    `SELECT g.id AS gap_id, g.question, g.chosen_qa_id, p.question AS chosen_question,
       p.answer AS chosen_answer, p.category AS chosen_category, g.chosen_at, g.choice_review
     FROM qa_gaps g JOIN qa_pairs p ON p.id = g.chosen_qa_id AND p.workspace_id = g.workspace_id
     WHERE g.id = $1 AND g.workspace_id = $2 FOR UPDATE OF g`,
    [gapId, workspaceId],
  );
  if (!row) throw new ClaraError('not_found', 'No visitor choice is recorded on this gap.');
  if (row.choice_review) throw new ClaraError('conflict', `This choice was already ${row.choice_review}.`);
  const { choice_review: _, ...choice } = row;
  return choice;
}

/** Marks a recorded choice reviewed (accepted as a phrasing, or dismissed). */
export async function reviewChoice(
  sql: SqlExecutor,
  workspaceId: string,
  gapId: string,
  review: 'accepted' | 'dismissed',
): Promise<void> {
  await sql.query(
    `UPDATE qa_gaps SET choice_review = $3, choice_reviewed_at = now()
     WHERE id = $1 AND workspace_id = $2 AND chosen_qa_id IS NOT NULL`,
    [gapId, workspaceId, review],
  );
}

/** A question a visitor asked, as stored in the session's messages. */
export interface StoredQuestionRow {
  question: string;
  asked_at: string;
}

/**
 * The workspace's most recent visitor questions (user messages of its sessions, every channel)
 * from the last `days` days, newest first, at most `limit`: what a threshold replay re-runs.
 */
export async function listRecentQuestions(
  sql: SqlExecutor,
  workspaceId: string,
  options: { days: number; limit: number },
): Promise<StoredQuestionRow[]> {
  return sql.query<StoredQuestionRow>(
    `SELECT m->>'content' AS question, m->>'timestamp' AS asked_at
     FROM chat_sessions s, jsonb_array_elements(s.messages) m
     WHERE s.workspace_id = $1 AND s.updated_at >= now() - make_interval(days => $2)
       AND m->>'role' = 'user' AND coalesce(m->>'content', '') <> ''
       AND (m->>'timestamp')::timestamptz >= now() - make_interval(days => $2)
     ORDER BY (m->>'timestamp')::timestamptz DESC LIMIT $3`,
    [workspaceId, options.days, options.limit],
  );
}

/** A visitor's wording kept as a phrasing of a pair (from a gap link, a group or an accepted choice). */
export interface PhrasingRow {
  id: string;
  question: string;
  created_at: Date;
}

/** The active phrasings of a pair (pairs whose `metadata.phrasing_of` is it), oldest first. */
export async function listPhrasingsOf(
  sql: SqlExecutor,
  workspaceId: string,
  qaId: string,
): Promise<PhrasingRow[]> {
  return sql.query<PhrasingRow>(
    `SELECT id, question, created_at FROM qa_pairs
     WHERE workspace_id = $1 AND lower(metadata->>'phrasing_of') = lower($2::text) AND is_active
     ORDER BY created_at, id`,
    [workspaceId, qaId],
  );
}
