import type { SqlExecutor } from '../database';

/** A category of a workspace's knowledge base and how many questions it answers. */
export interface KnowledgeTopic {
  category: string;
  pairs: number;
}

/**
 * The workspace's largest categories by active pairs, largest first (ties by name); a pair's
 * alternative phrasings (`metadata.phrasing_of`) are not counted as questions of their own.
 */
export async function topKnowledgeCategories(
  sql: SqlExecutor,
  workspaceId: string,
  limit: number,
): Promise<KnowledgeTopic[]> {
  return sql.query<KnowledgeTopic>(
    `SELECT category, count(*)::int AS pairs
       FROM qa_pairs
      WHERE workspace_id = $1 AND is_active AND metadata->>'phrasing_of' IS NULL
      GROUP BY category
      ORDER BY pairs DESC, category
      LIMIT $2`,
    [workspaceId, limit],
  );
}
