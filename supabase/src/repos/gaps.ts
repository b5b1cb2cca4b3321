import type { ChoiceInput, GapInput } from '@clara/core';
import type { SqlExecutor } from '../database';

/** Files a gap unless an open gap with the same question (case-insensitive) exists. */
export async function insertGap(
  sql: SqlExecutor,
  workspaceId: string,
  sessionId: string | null,
  gap: GapInput,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO qa_gaps (workspace_id, question, ai_answer, best_match_id, similarity_score, session_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, lower(question)) WHERE status = 'open' DO NOTHING
     RETURNING id`,
    [workspaceId, gap.question, gap.aiAnswer, gap.bestMatchId, gap.similarityScore, sessionId],
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
