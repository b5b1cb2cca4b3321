import { questionKey, searchText } from '@clara/core';
import { type SqlExecutor, toSparseVectorLiteral } from '../database';
import { categorySpeller } from './category-spelling';
import type { NewQaPair } from './qa-pairs';

/** A phrasing to insert: a pair whose `metadata.phrasing_of` is `parentId`, its pair's id. */
export type NewPhrasing = NewQaPair & { parentId: string };

/**
 * Inserts phrasings as `insertQaPairs` does (one statement, the same derived columns), each only
 * while its pair still exists in the workspace: the same statement checks the pair and locks it
 * (`FOR KEY SHARE`, as a foreign key would) until the transaction ends, so a pair deleted before
 * (or by a transaction that commits while this one waits for its lock) leaves its phrasing out
 * instead of saving an orphan. Returns, in input order, each new id, or null for a phrasing whose
 * pair is gone. `metadata.phrasing_of` is set to `parentId`.
 */
export async function insertPhrasingsOfLivePairs(
  sql: SqlExecutor,
  workspaceId: string,
  phrasings: readonly NewPhrasing[],
  options: { createdAt?: Date | undefined } = {},
): Promise<(string | null)[]> {
  if (phrasings.length === 0) return [];
  const spell = await categorySpeller(sql, workspaceId);
  const rows = await sql.query<{ n: number; id: string }>(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
           $10::text[], $11::text[], $12::text[], $13::uuid[])
         WITH ORDINALITY AS t(question, answer, category, embedding, source, metadata, is_active,
           search_question, search_answer, question_key, parent_id, n)
     ), live AS MATERIALIZED (
       SELECT gen_random_uuid() AS id, i.* FROM input i
        WHERE EXISTS (SELECT 1 FROM qa_pairs p WHERE p.workspace_id = $1 AND p.id = i.parent_id FOR KEY SHARE)
     ), saved AS (
       INSERT INTO qa_pairs (id, workspace_id, question, answer, category, embedding, source, metadata, is_active,
         created_at, search_question, search_answer, question_key)
       SELECT l.id, $1, l.question, l.answer, l.category, l.embedding::sparsevec::vector, l.source,
         l.metadata::jsonb || jsonb_build_object('phrasing_of', l.parent_id::text), l.is_active,
         coalesce($9::timestamptz, now()), l.search_question, l.search_answer, l.question_key
       FROM live l ORDER BY l.n
       RETURNING id
     )
     SELECT l.n::int AS n, l.id FROM saved JOIN live l USING (id)`,
    [
      workspaceId,
      phrasings.map((p) => p.question),
      phrasings.map((p) => p.answer),
      phrasings.map((p) => spell(p.category)),
      phrasings.map((p) => toSparseVectorLiteral(p.embedding)),
      phrasings.map((p) => p.source),
      phrasings.map((p) => JSON.stringify(p.metadata)),
      phrasings.map((p) => p.is_active ?? true),
      options.createdAt ?? null,
      phrasings.map((p) => searchText(p.question)),
      phrasings.map((p) => searchText(p.answer)),
      phrasings.map((p) => questionKey(p.question)),
      phrasings.map((p) => p.parentId),
    ],
  );
  const ids: (string | null)[] = phrasings.map(() => null);
  for (const r of rows) ids[r.n - 1] = r.id;
  return ids;
}
