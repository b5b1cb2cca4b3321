import type { QaMatch } from '@clara/core';
import { type SqlExecutor, toVectorLiteral } from '../database';

// What a pair's vector was made from: a vector is current while this hash still matches.
const sourceHash = (alias: string) => `md5(${alias}.question || E'\\n' || ${alias}.answer)`;

/** A pair whose vector from `embedder` is missing or older than its text. */
export interface PairToEmbed {
  id: string;
  question: string;
  answer: string;
  source_hash: string;
}

/** Active pairs of a workspace without a current vector from `embedder` (oldest first). */
export async function pairsMissingVectors(
  sql: SqlExecutor,
  workspaceId: string,
  embedder: string,
  limit: number,
): Promise<PairToEmbed[]> {
  return sql.query<PairToEmbed>(
    `SELECT p.id, p.question, p.answer, ${sourceHash('p')} AS source_hash
     FROM qa_pairs p
     LEFT JOIN qa_pair_vectors v ON v.qa_id = p.id AND v.embedder = $2 AND v.source_hash = ${sourceHash('p')}
     WHERE p.workspace_id = $1 AND p.is_active AND v.qa_id IS NULL
     ORDER BY p.created_at, p.id
     LIMIT $3`,
    [workspaceId, embedder, limit],
  );
}

/** How many active pairs a workspace has, and how many have a current vector from `embedder`. */
export async function pairVectorCoverage(
  sql: SqlExecutor,
  workspaceId: string,
  embedder: string,
): Promise<{ total: number; embedded: number }> {
  const [row] = await sql.query<{ total: number; embedded: number }>(
    `SELECT count(*)::int AS total, count(v.qa_id)::int AS embedded
     FROM qa_pairs p
     LEFT JOIN qa_pair_vectors v ON v.qa_id = p.id AND v.embedder = $2 AND v.source_hash = ${sourceHash('p')}
     WHERE p.workspace_id = $1 AND p.is_active`,
    [workspaceId, embedder],
  );
  return row ?? { total: 0, embedded: 0 };
}

/** Stores (or replaces) vectors from `embedder`; a pair deleted meanwhile is skipped. */
export async function savePairVectors(
  sql: SqlExecutor,
  workspaceId: string,
  embedder: string,
  rows: readonly { qaId: string; sourceHash: string; embedding: Float32Array }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO qa_pair_vectors (qa_id, embedder, workspace_id, source_hash, embedding)
     SELECT p.id, $2, $1, r.source_hash, r.embedding::vector
     FROM unnest($3::uuid[], $4::text[], $5::text[]) AS r(qa_id, source_hash, embedding)
     JOIN qa_pairs p ON p.id = r.qa_id AND p.workspace_id = $1
     ON CONFLICT (qa_id, embedder) DO UPDATE
       SET source_hash = excluded.source_hash, embedding = excluded.embedding, embedded_at = now()`,
    [
      workspaceId,
      embedder,
      rows.map((r) => r.qaId),
      rows.map((r) => r.sourceHash),
      rows.map((r) => toVectorLiteral(r.embedding)),
    ],
  );
}

/**
 * The seed's search (`search_qa_pairs` semantics: active pairs, similarity above the threshold,
 * nearest first) over the vectors from `embedder`, in one statement with the check that every
 * active pair has a current one: `complete: false` (and no matches) when any is missing, so a
 * workspace never answers from a mix of two embedders.
 */
export async function searchPairVectors(
  sql: SqlExecutor,
  workspaceId: string,
  embedder: string,
  embedding: Float32Array,
  options: { threshold: number; count: number },
): Promise<{ complete: boolean; matches: QaMatch[] }> {
  const rows = await sql.query<QaMatch & { missing: number }>(
    `WITH current AS (
       SELECT p.id, p.question, p.answer, p.category, v.embedding
       FROM qa_pairs p
       LEFT JOIN qa_pair_vectors v ON v.qa_id = p.id AND v.embedder = $2 AND v.source_hash = ${sourceHash('p')}
       WHERE p.workspace_id = $1 AND p.is_active
     ), missing AS (SELECT count(*)::int AS n FROM current WHERE embedding IS NULL),
     hits AS (
       SELECT id, question, answer, category, 1 - (embedding <=> $3::vector) AS similarity
       FROM current
       WHERE embedding IS NOT NULL AND 1 - (embedding <=> $3::vector) > $4
       ORDER BY embedding <=> $3::vector
       LIMIT $5
     )
     SELECT missing.n AS missing, hits.* FROM missing LEFT JOIN hits ON missing.n = 0`,
    [workspaceId, embedder, toVectorLiteral(embedding), options.threshold, options.count],
  );
  if ((rows[0]?.missing ?? 0) > 0) return { complete: false, matches: [] };
  const matches = rows
    .filter((r) => r.id !== null)
    .map(({ id, question, answer, category, similarity }) => ({
      id,
      question,
      answer,
      category,
      similarity: Number(similarity),
    }));
  return { complete: true, matches };
}

/** Workspaces whose default active key is an OpenAI key (their pairs get OpenAI vectors). */
export async function openAiKeyWorkspaces(sql: SqlExecutor): Promise<string[]> {
  const rows = await sql.query<{ workspace_id: string }>(
    `SELECT DISTINCT workspace_id FROM api_keys WHERE is_default AND is_active AND provider = 'openai'
     ORDER BY workspace_id`,
  );
  return rows.map((r) => r.workspace_id);
}
