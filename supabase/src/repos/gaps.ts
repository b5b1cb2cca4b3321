import type { GapInput } from '@clara/core';
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
