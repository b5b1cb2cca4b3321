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
      WHERE p.workspace_id = $1 AND p.id = ANY($2::uuid[]) AND p.metadata ? 'phrasing_of'`,
    [workspaceId, [...new Set(ids)]],
  );
  return new Map(
    rows.map((r) => [r.id, r.target && r.question !== null ? { id: r.target, question: r.question } : null]),
  );
}
