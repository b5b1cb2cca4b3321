import type { SqlExecutor } from '../database';

/** A pair of the workspace whose question an import row repeats (same text, case ignored). */
export interface ImportMatch {
  /** `lower(question)`, as the row's lower-cased question is compared with it. */
  key: string;
  id: string;
  question: string;
  answer: string;
  category: string;
  is_active: boolean;
  /** A phrasing (`metadata.phrasing_of`): it holds a copy of its pair's answer. */
  phrasing: boolean;
}

/**
 * The workspace's pairs (active and retired, phrasings too) whose lower-cased question is one of
 * `keys` (the import's questions, lower-cased), with their answer and category: what an import
 * compares a repeated question's row with (unchanged, or a changed answer it may update).
 */
export async function importMatches(
  sql: SqlExecutor,
  workspaceId: string,
  keys: readonly string[],
): Promise<ImportMatch[]> {
  if (keys.length === 0) return [];
  return sql.query<ImportMatch>(
    `SELECT lower(question) AS key, id, question, answer, category, is_active,
            metadata->>'phrasing_of' IS NOT NULL AS phrasing
       FROM qa_pairs WHERE workspace_id = $1 AND lower(question) = ANY($2::text[])
      ORDER BY created_at, id`,
    [workspaceId, [...new Set(keys)]],
  );
}

/** A pair a phrasing row of an import phrases, as it is when the row is written. */
export interface ImportParent {
  id: string;
  answer: string;
  category: string;
}

/**
 * The given pairs of the workspace with their answer and category, locked (`FOR SHARE`) until the
 * transaction ends: the import's phrasing rows of them are written with the answer they hold
 * now, and no edit of them lands before the rows are.
 */
export async function lockImportParents(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, ImportParent>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<ImportParent>(
    `SELECT id, answer, category FROM qa_pairs
      WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR SHARE`,
    [workspaceId, [...new Set(ids.map((id) => id.toLowerCase()))]],
  );
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}
