import { type QaMatch, type QaSource, questionKey, type SearchOptions, searchText } from '@clara/core';
import { type Database, type SqlExecutor, toSparseVectorLiteral, toVectorLiteral } from '../database';
import { categorySpeller } from './category-spelling';

export interface NewQaPair {
  question: string;
  answer: string;
  category: string;
  embedding: Float32Array;
  source: QaSource;
  metadata: Record<string, unknown>;
  /** False stores the pair retired (an import's `is_active=false` row); true when left out. */
  is_active?: boolean | undefined;
}

/**
 * Inserts many pairs in one statement (arrays unnested server-side; vectors sent as sparse
 * literals), with their text as the word search and the gap inbox read it (`searchText`,
 * `questionKey`), each category spelt as the workspace already spells it (`categorySpeller`).
 * Returns the new ids in order. `createdAt` (default: now) lets an import saved in
 * several transactions give all its pairs one creation time, so the list keeps them in file order
 * (`updated_at` stays now: the in-memory vector copy reads changes by it).
 */
export async function insertQaPairs(
  sql: SqlExecutor,
  workspaceId: string,
  pairs: readonly NewQaPair[],
  options: { createdAt?: Date | undefined } = {},
): Promise<string[]> {
  if (pairs.length === 0) return [];
  const spell = await categorySpeller(sql, workspaceId);
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO qa_pairs (workspace_id, question, answer, category, embedding, source, metadata, is_active,
       created_at, search_question, search_answer, question_key)
     SELECT $1, t.question, t.answer, t.category, t.embedding::sparsevec::vector, t.source, t.metadata::jsonb,
       t.is_active, coalesce($9::timestamptz, now()), t.search_question, t.search_answer, t.question_key
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
         $10::text[], $11::text[], $12::text[])
       WITH ORDINALITY AS t(question, answer, category, embedding, source, metadata, is_active,
         search_question, search_answer, question_key, n)
     ORDER BY t.n
     RETURNING id`,
    [
      workspaceId,
      pairs.map((p) => p.question),
      pairs.map((p) => p.answer),
      pairs.map((p) => spell(p.category)),
      pairs.map((p) => toSparseVectorLiteral(p.embedding)),
      pairs.map((p) => p.source),
      pairs.map((p) => JSON.stringify(p.metadata)),
      pairs.map((p) => p.is_active ?? true),
      options.createdAt ?? null,
      pairs.map((p) => searchText(p.question)),
      pairs.map((p) => searchText(p.answer)),
      pairs.map((p) => questionKey(p.question)),
    ],
  );
  return rows.map((r) => r.id);
}

/** Lower-cased questions of the workspace's active and of its retired pairs (an import's duplicate checks). */
export async function questionSets(
  sql: SqlExecutor,
  workspaceId: string,
): Promise<{ active: Set<string>; inactive: Set<string> }> {
  const rows = await sql.query<{ q: string; is_active: boolean }>(
    'SELECT DISTINCT lower(question) AS q, is_active FROM qa_pairs WHERE workspace_id = $1',
    [workspaceId],
  );
  return {
    active: new Set(rows.filter((r) => r.is_active).map((r) => r.q)),
    inactive: new Set(rows.filter((r) => !r.is_active).map((r) => r.q)),
  };
}

/** Lower-cased questions of the workspace's active pairs, for exact-duplicate checks. */
export async function activeQuestionSet(sql: SqlExecutor, workspaceId: string): Promise<Set<string>> {
  const rows = await sql.query<{ q: string }>(
    'SELECT lower(question) AS q FROM qa_pairs WHERE workspace_id = $1 AND is_active',
    [workspaceId],
  );
  return new Set(rows.map((r) => r.q));
}

export interface PairText {
  id: string;
  workspace_id: string;
  question: string;
  answer: string;
}

/** Pairs to (re-)embed, in pages ordered by id. */
export async function pairsToEmbed(
  sql: SqlExecutor,
  options: { workspaceId?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<PairText[]> {
  return sql.query<PairText>(
    `SELECT id, workspace_id, question, answer FROM qa_pairs
     WHERE ($1::uuid IS NULL OR workspace_id = $1) AND ($2::uuid IS NULL OR id > $2)
     ORDER BY id LIMIT $3`,
    [options.workspaceId ?? null, options.afterId ?? null, options.limit],
  );
}

export async function setEmbeddings(
  sql: SqlExecutor,
  updates: readonly { id: string; embedding: Float32Array }[],
  embeddingModel: string,
): Promise<void> {
  if (updates.length === 0) return;
  await sql.query(
    `UPDATE qa_pairs q
     SET embedding = u.embedding::sparsevec::vector,
         metadata = coalesce(q.metadata, '{}'::jsonb) || jsonb_build_object('embedding_model', $3::text)
     FROM unnest($1::uuid[], $2::text[]) AS u(id, embedding)
     WHERE q.id = u.id`,
    [updates.map((u) => u.id), updates.map((u) => toSparseVectorLiteral(u.embedding)), embeddingModel],
  );
}

/**
 * The seed's `search_qa_pairs`. On Postgres the index is HNSW, with its search settings on
 * the function itself (migration 20261130110000); an IVFFlat index (the seed's, or one
 * `clara index rebuild --type ivfflat` made) is probed on 50 lists. A relaxed iterative HNSW
 * scan may return neighbours slightly out of order, so the rows are sorted here.
 */
export async function searchQaPairs(
  sql: SqlExecutor,
  workspaceId: string,
  embedding: Float32Array,
  options: SearchOptions,
): Promise<QaMatch[]> {
  await sql.query("SELECT set_config('ivfflat.probes', '50', true)");
  const rows = await sql.query<QaMatch>(
    'SELECT id, question, answer, category, similarity FROM search_qa_pairs($1, $2::vector, $3, $4)',
    [workspaceId, toVectorLiteral(embedding), options.threshold, options.count],
  );
  return rows.sort((a, b) => b.similarity - a.similarity);
}

/** Rows an import must add before `refreshSearchStatistics` is worth its cost. */
export const largeImportRows = 1000;

/**
 * After a large import on Postgres: refreshes the planner's statistics of `qa_pairs`, so the
 * workspace's searches use the vector index at once. Until then the planner believes the
 * workspace has a handful of pairs and scans all of them for every search (10,000 pairs: about
 * 110 ms a search instead of 3), and autovacuum only analyzes again after a tenth of the table
 * changed, which for a large shared table may be days. Only the table's owner, the database's
 * owner or a superuser may (Postgres would skip it with a mere warning): otherwise false, and
 * nothing is run. The embedded database searches its in-memory copy: nothing to do.
 * False when it failed (the caller may say so; the import itself stands).
 */
export async function refreshSearchStatistics(db: Database): Promise<boolean> {
  if (db.kind !== 'pg') return true;
  try {
    // Postgres skips ANALYZE with only a warning for a role that may not run it: ask first.
    const [may] = await db.query<{ may: boolean }>(
      `SELECT r.rolsuper OR pg_has_role(c.relowner, 'USAGE') OR pg_has_role(d.datdba, 'USAGE') AS may
       FROM pg_roles r, pg_class c, pg_database d
       WHERE r.rolname = current_user AND c.oid = 'public.qa_pairs'::regclass AND d.datname = current_database()`,
    );
    if (!may?.may) return false;
    await db.query('ANALYZE qa_pairs');
    return true;
  } catch {
    // An optimisation only: the pairs are saved, autovacuum's next analyze does the same.
    return false;
  }
}
