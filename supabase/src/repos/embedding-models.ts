import { ClaraError } from '@clara/core';
import type { SqlExecutor } from '../database';

/** The embedders (other than `embedderId`) that embedded some of a workspace's active pairs; 'unknown' when unrecorded. */
export async function foreignEmbedders(
  sql: SqlExecutor,
  workspaceId: string,
  embedderId: string,
): Promise<string[]> {
  // `< OR >` rather than `<>`: two range scans of idx_qa_pairs_workspace_embedding_model.
  const rows = await sql.query<{ model: string }>(
    `SELECT DISTINCT coalesce(metadata->>'embedding_model', 'unknown') AS model FROM qa_pairs
     WHERE workspace_id = $1 AND is_active
       AND (coalesce(metadata->>'embedding_model', '') < $2 OR coalesce(metadata->>'embedding_model', '') > $2)`,
    [workspaceId, embedderId],
  );
  return rows.map((r) => r.model).sort();
}

/** Throws a `conflict` ClaraError (saying to run `clara reindex`) when another embedder embedded active pairs. */
export async function assertOneEmbedder(
  sql: SqlExecutor,
  workspaceId: string,
  embedderId: string,
): Promise<void> {
  const others = await foreignEmbedders(sql, workspaceId, embedderId);
  if (others.length > 0) throw embedderConflict(workspaceId, embedderId, others);
}

/** The `conflict` a search of a workspace embedded by `others` raises, saying to run `clara reindex`. */
export function embedderConflict(
  workspaceId: string,
  embedderId: string,
  others: readonly string[],
): ClaraError {
  return new ClaraError(
    'conflict',
    `This knowledge base was embedded with ${others.join(', ')}, but Clara now embeds with ${embedderId}; vectors from different embedders cannot be compared. Run \`clara reindex --workspace ${workspaceId}\`.`,
    { details: { embedder: embedderId, found: [...others] } },
  );
}

/** Workspaces with any pair not embedded by `embedderId` (candidates for re-embedding). */
export async function workspacesToReembed(sql: SqlExecutor, embedderId: string): Promise<string[]> {
  const rows = await sql.query<{ workspace_id: string }>(
    `SELECT DISTINCT workspace_id FROM qa_pairs WHERE coalesce(metadata->>'embedding_model', '') <> $1 ORDER BY workspace_id`,
    [embedderId],
  );
  return rows.map((r) => r.workspace_id);
}
