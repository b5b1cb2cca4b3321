import { categoryKey } from '@clara/core';
import type { SqlExecutor } from '../database';

/**
 * Gives each category the spelling the workspace already uses for it: one category, one
 * spelling. A category typed exactly as some pair has it is kept; one that differs from the
 * workspace's only in case, spaces, `_` or `-` (`categoryKey`: "Pricing" for `pricing`,
 * "First visit" for `first_visit`) takes the spelling most of its pairs have (on a tie the oldest, then byte order: the
 * same choice on every database, whatever its collation); a new one is kept
 * as written, and later ones of the same key in the same batch follow it. `excluding` (pair ids,
 * any case) leaves those pairs and their phrasings out of "already used": moving every pair of
 * `first_visit` to "First visit" renames it, moving some of them keeps one spelling.
 */
export async function categorySpeller(
  sql: SqlExecutor,
  workspaceId: string,
  excluding: readonly string[] = [],
): Promise<(category: string) => string> {
  const ids = excluding.map((id) => id.toLowerCase());
  const rows = await sql.query<{ category: string }>(
    `SELECT category FROM qa_pairs
      WHERE workspace_id = $1 AND NOT (id = ANY($2::uuid[]))
        AND (metadata->>'phrasing_of' IS NULL OR NOT (lower(metadata->>'phrasing_of') = ANY($3::text[])))
      GROUP BY category
      ORDER BY count(*) DESC, min(created_at), category COLLATE "C"`,
    [workspaceId, ids, ids],
  );
  const used = new Set(rows.map((r) => r.category));
  const byKey = new Map<string, string>();
  for (const { category } of rows) {
    const key = categoryKey(category);
    if (!byKey.has(key)) byKey.set(key, category);
  }
  return (category) => {
    if (used.has(category)) return category;
    const key = categoryKey(category);
    const known = byKey.get(key);
    if (known !== undefined) return known;
    byKey.set(key, category);
    used.add(category);
    return category;
  };
}
