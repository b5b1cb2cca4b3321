import type { SqlExecutor } from '../database';

/** A pair whose question the model may rephrase. */
export interface PairToAugment {
  id: string;
  question: string;
  answer: string;
  category: string;
}

/**
 * Active pairs of a workspace that are nobody's phrasing and were not augmented yet (no
 * `metadata.augmented` mark, no phrasing with `augmented_from` it), oldest first; only
 * `pairIds` when given (e.g. one import's pairs).
 */
export async function pairsToAugment(
  sql: SqlExecutor,
  workspaceId: string,
  pairIds?: readonly string[],
): Promise<PairToAugment[]> {
  return sql.query<PairToAugment>(
    `SELECT p.id, p.question, p.answer, p.category FROM qa_pairs p
     WHERE p.workspace_id = $1 AND p.is_active AND p.metadata->>'phrasing_of' IS NULL
       AND p.metadata->>'augmented' IS NULL
       AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[]))
       AND NOT EXISTS (
         SELECT 1 FROM qa_pairs a WHERE a.workspace_id = $1 AND a.metadata->>'augmented_from' = p.id::text
       )
     ORDER BY p.created_at, p.id`,
    [workspaceId, pairIds ? [...pairIds] : null],
  );
}

/** Every active question of a workspace, lower-cased and trimmed (a phrasing must be new). */
export async function activeQuestions(sql: SqlExecutor, workspaceId: string): Promise<Set<string>> {
  const rows = await sql.query<{ q: string }>(
    `SELECT lower(btrim(question)) AS q FROM qa_pairs WHERE workspace_id = $1 AND is_active`,
    [workspaceId],
  );
  return new Set(rows.map((r) => r.q));
}

/** Marks a pair as augmented (the model was asked), so it is not asked again, even when it wrote nothing usable. */
export async function markAugmented(sql: SqlExecutor, workspaceId: string, pairId: string): Promise<void> {
  await sql.query(
    `UPDATE qa_pairs SET metadata = metadata || '{"augmented": true}'::jsonb WHERE id = $1 AND workspace_id = $2`,
    [pairId, workspaceId],
  );
}

/** Workspaces that write phrasings for their new pairs (`settings.augment_questions`). */
export async function augmentingWorkspaces(sql: SqlExecutor): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM workspaces WHERE settings->>'augment_questions' = 'true' ORDER BY id`,
  );
  return rows.map((r) => r.id);
}
