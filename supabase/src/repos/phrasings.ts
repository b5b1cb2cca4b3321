import type { SqlExecutor } from '../database';

/**
 * Which of the given pairs are phrasings (a visitor's wording the owner kept from the gap inbox,
 * `metadata.phrasing_of`), each mapped to the pair it phrases: suggestion chips show the owner's
 * own question, never a visitor's wording.
 */
export async function phrasingTargets(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; target: string }>(
    `SELECT id, metadata->>'phrasing_of' AS target FROM qa_pairs
     WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND metadata ? 'phrasing_of'`,
    [workspaceId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r.target]));
}
