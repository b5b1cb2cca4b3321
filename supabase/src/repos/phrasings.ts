import { questionKey } from '@clara/core';
import type { SqlExecutor } from '../database';

/** The pair a phrasing phrases: its id and the owner's question. */
export interface PhrasingTarget {
  id: string;
  question: string;
}

/**
 * Which of the given pairs are phrasings (a visitor's wording the owner kept from the gap inbox,
 * `metadata.phrasing_of`), each mapped to the active pair it phrases (null when that pair is
 * archived or gone): suggestion chips show the owner's own question, never a visitor's wording.
 */
export async function phrasingTargets(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, PhrasingTarget | null>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; target: string | null; question: string | null }>(
    `SELECT p.id, t.id AS target, t.question
       FROM qa_pairs p
       LEFT JOIN qa_pairs t
         ON t.workspace_id = p.workspace_id AND t.is_active
        AND t.id = CASE WHEN p.metadata->>'phrasing_of' ~ '^[0-9a-fA-F-]{36}$'
                        THEN (p.metadata->>'phrasing_of')::uuid END
      WHERE p.workspace_id = $1 AND p.id = ANY($2::uuid[]) AND p.metadata->>'phrasing_of' IS NOT NULL`,
    [workspaceId, [...new Set(ids)]],
  );
  return new Map(
    rows.map((r) => [r.id, r.target && r.question !== null ? { id: r.target, question: r.question } : null]),
  );
}

/** A phrasing of a pair as an edit of that pair rewrites it. */
export interface PhrasingCopy {
  id: string;
  question: string;
}

/**
 * Every phrasing of a pair (active or not; `metadata.phrasing_of` = it), oldest first: the rows
 * holding their own copy of its answer and category. `forUpdate` locks them for the edit's
 * transaction, so no phrasing is added or changed between reading and rewriting them.
 */
export async function phrasingsOf(
  sql: SqlExecutor,
  workspaceId: string,
  pairId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PhrasingCopy[]> {
  return sql.query<PhrasingCopy>(
    `SELECT id, question FROM qa_pairs
      WHERE workspace_id = $1 AND lower(metadata->>'phrasing_of') = lower($2::text)
      ORDER BY created_at, id${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [workspaceId, pairId],
  );
}

/** Gives the phrasings of the given pairs (a bulk recategorise of them) the same category; returns how many. */
export async function recategorisePhrasingsOf(
  sql: SqlExecutor,
  workspaceId: string,
  pairIds: readonly string[],
  category: string,
): Promise<number> {
  const rows = await sql.query(
    `UPDATE qa_pairs SET category = $3
      WHERE workspace_id = $1 AND lower(metadata->>'phrasing_of') = ANY($2::text[]) RETURNING id`,
    [workspaceId, pairIds.map((id) => id.toLowerCase()), category],
  );
  return rows.length;
}

/** A pair an imported phrasing may be a wording of. */
export interface PhrasingParent {
  id: string;
  question: string;
  answer: string;
  category: string;
  is_active: boolean;
}

/**
 * The owner's own pairs (not phrasings) with the same question as one of `questions` (the same
 * `questionKey`: case, accents, punctuation, wi-fi / wifi, plurals), the active before the
 * retired, oldest first: the pairs an import's `phrasing_of` cells name. Compared in the app's
 * form on both sides (the stored `question_key`, found by its index; a pair whose key is not
 * stored yet is keyed here), never SQL's lower(), which folds only ASCII under the C locale.
 */
export async function pairsNamedByQuestion(
  sql: SqlExecutor,
  workspaceId: string,
  questions: readonly string[],
): Promise<PhrasingParent[]> {
  if (questions.length === 0) return [];
  const keys = new Set(questions.map(questionKey));
  const rows = await sql.query<PhrasingParent & { question_key: string | null }>(
    `SELECT id, question, answer, category, is_active, question_key FROM qa_pairs
      WHERE workspace_id = $1 AND (question_key = ANY($2::text[]) OR question_key IS NULL)
        AND metadata->>'phrasing_of' IS NULL
      ORDER BY is_active DESC, created_at, id`,
    [workspaceId, [...keys]],
  );
  return rows
    .filter((p) => keys.has(p.question_key ?? questionKey(p.question)))
    .map(({ question_key: _key, ...pair }) => pair);
}
