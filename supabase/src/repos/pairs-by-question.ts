import { questionKey } from '@clara/core';
import type { SqlExecutor } from '../database';
import { type AdminPair, adminPairColumns } from './admin-pairs';

/**
 * The workspace's active pairs with the same question as `question` (the same `questionKey`, the
 * gap inbox's notion of "the same question": case, accents, punctuation, wi-fi / wifi, plurals),
 * the owner's own pairs before phrasings, oldest first; locked with `forUpdate` (an answer written
 * from the gap inbox updates them instead of adding a duplicate). Found by the stored key
 * (`idx_qa_pairs_workspace_question_key`); a pair whose key is not stored yet is keyed here.
 */
export async function activePairsWithQuestion(
  sql: SqlExecutor,
  workspaceId: string,
  question: string,
  options: { forUpdate?: boolean } = {},
): Promise<AdminPair[]> {
  const key = questionKey(question);
  const rows = await sql.query<AdminPair & { question_key: string | null }>(
    `SELECT ${adminPairColumns}, question_key FROM qa_pairs
     WHERE workspace_id = $1 AND is_active AND (question_key = $2 OR question_key IS NULL)
     ORDER BY metadata->>'phrasing_of' IS NOT NULL, created_at, id${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [workspaceId, key],
  );
  return rows
    .filter((p) => (p.question_key ?? questionKey(p.question)) === key)
    .map(({ question_key: _key, ...pair }) => pair);
}
