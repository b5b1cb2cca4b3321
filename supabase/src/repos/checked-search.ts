import type { QaMatch, SearchOptions } from '@clara/core';
import { type SqlExecutor, toVectorLiteral } from '../database';
import { embedderConflict } from './embedding-models';

// One statement, one round trip, no transaction: the embedder check (foreignEmbedders' query)
// and the seed's search_qa_pairs. ivfflat.probes is set for this statement only (an implicit
// transaction) before the search runs: the search's last argument reads it, so Postgres
// cannot evaluate the search first. The search settings of an HNSW index are on the function.
// The embedder check's `< OR >` (not `<>`) lets idx_qa_pairs_workspace_embedding_model answer it.
const checkedSearchSql = `
WITH probes AS MATERIALIZED (SELECT set_config('ivfflat.probes', '50', true) AS v),
foreign_models AS (
  SELECT ARRAY(
    SELECT DISTINCT coalesce(metadata->>'embedding_model', 'unknown') FROM qa_pairs
    WHERE workspace_id = $1 AND is_active
      AND (coalesce(metadata->>'embedding_model', '') < $5 OR coalesce(metadata->>'embedding_model', '') > $5)
    ORDER BY 1) AS models
)
SELECT f.models AS foreign_models, s.id, s.question, s.answer, s.category, s.similarity
FROM probes p CROSS JOIN foreign_models f
LEFT JOIN LATERAL search_qa_pairs($1, $2::vector, $3, $4 + 0 * length(p.v)) s ON cardinality(f.models) = 0`;

interface Row extends Partial<QaMatch> {
  foreign_models: string[];
}

/**
 * The chat store's search on Postgres: `searchQaPairs` behind `assertOneEmbedder` (when
 * `embedderId` is given) in one round trip instead of five (BEGIN, check, probes, search,
 * COMMIT). Throws the same `conflict` for a workspace another embedder embedded.
 */
export async function checkedSearchQaPairs(
  sql: SqlExecutor,
  workspaceId: string,
  embedding: Float32Array,
  options: SearchOptions,
  embedderId: string | undefined,
): Promise<QaMatch[]> {
  const rows = await sql.query<Row>(checkedSearchSql, [
    workspaceId,
    toVectorLiteral(embedding),
    options.threshold,
    options.count,
    embedderId ?? null,
  ]);
  const others = rows[0]?.foreign_models ?? [];
  if (embedderId !== undefined && others.length > 0) throw embedderConflict(workspaceId, embedderId, others);
  return rows
    .filter((r): r is Row & QaMatch => r.id != null)
    .map(({ id, question, answer, category, similarity }) => ({ id, question, answer, category, similarity }))
    .sort((a, b) => b.similarity - a.similarity);
}
