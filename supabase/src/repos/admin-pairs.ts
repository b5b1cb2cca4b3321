import { type QaMatch, type QaSource, questionKey, searchText } from '@clara/core';
import { type SqlExecutor, toVectorLiteral } from '../database';
import { categorySpeller } from './category-spelling';
import { fillSearchText, searchedAnswer, searchedQuestion } from './pair-search-text';
import { searchQaPairs } from './qa-pairs';

/** The admin's filters and page over the knowledge base (`GET /api/admin/knowledge`). */
export interface ListPairsQuery {
  q?: string | undefined;
  /**
   * Instead of `q`: pairs holding every one of these words (each already lower-cased and without
   * accents) somewhere in their question or answer, accents and case ignored (the stored
   * `searchText` of each), a word matching inside a longer one ("wash" finds "washing"); pairs
   * whose question holds them all come first.
   */
  words?: readonly string[] | undefined;
  category?: string | undefined;
  /**
   * A source: the owner's pairs from it (a visitor's wording, shown as from the gap inbox, is not
   * listed under the source its row was saved with); `gap_inbox`: the visitors' wordings.
   */
  source?: QaSource | 'gap_inbox' | undefined;
  /** `exclude`: no visitors' wordings (phrasings), only the owner's own pairs. */
  phrasings?: 'include' | 'exclude' | undefined;
  active: 'true' | 'false' | 'all';
  page: number;
  page_size: number;
}

/** A pair as the admin sees it (never the embedding). */
export interface AdminPair {
  id: string;
  question: string;
  answer: string;
  category: string;
  source: QaSource;
  is_active: boolean;
  import_batch_id: string | null;
  /** A visitor's wording kept from the gap inbox: the pair it is a phrasing of (null for the owner's own pairs). */
  phrasing_of: { id: string; question: string } | null;
  created_at: Date;
  updated_at: Date;
}

/** SQL: an imported pair's line in its CSV (null for other pairs): pairs saved together keep file order. */
export const importRow =
  "CASE WHEN metadata->>'import_row' ~ '^[0-9]{1,9}$' THEN (metadata->>'import_row')::int END";

/** SQL: the columns of an `AdminPair`. */
export const adminPairColumns = `id, question, answer, category, source, is_active,
  metadata->>'import_batch_id' AS import_batch_id,
  (SELECT jsonb_build_object('id', t.id, 'question', t.question) FROM qa_pairs t
    WHERE t.workspace_id = qa_pairs.workspace_id
      AND t.id = CASE WHEN qa_pairs.metadata->>'phrasing_of' ~ '^[0-9a-fA-F-]{36}$'
        THEN (qa_pairs.metadata->>'phrasing_of')::uuid END) AS phrasing_of,
  created_at, updated_at`;

/** `word` as a LIKE pattern matching it anywhere. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of pairs matching the filters, newest first (pairs saved together in file order), with
 * the total count and how many of those are phrasings (visitors' wordings, `metadata.phrasing_of`); with `words`, best matches first (see `ListPairsQuery.words`).
 */
export async function listPairs(
  sql: SqlExecutor,
  workspaceId: string,
  query: ListPairsQuery,
): Promise<{ items: AdminPair[]; total: number; phrasings: number }> {
  const where = ['workspace_id = $1'];
  const params: unknown[] = [workspaceId];
  const inQuestion: string[] = [];
  if (query.words && query.words.length > 0) {
    for (const word of query.words) {
      params.push(containing(word));
      where.push(`(${searchedQuestion} LIKE $${params.length} OR ${searchedAnswer} LIKE $${params.length})`);
      inQuestion.push(`(${searchedQuestion} LIKE $${params.length})::int`);
    }
  } else if (query.q) {
    // As typed, or with hyphens, apostrophes, accents and case ignored (the stored `searchText`):
    // "ebike" finds "e-bike" and "e-bike" finds "ebike".
    params.push(containing(query.q), containing(searchText(query.q)));
    const [typed, folded] = [params.length - 1, params.length];
    where.push(
      `(question ILIKE $${typed} OR answer ILIKE $${typed} OR ${searchedQuestion} LIKE $${folded} OR ${searchedAnswer} LIKE $${folded})`,
    );
  }
  if (query.category) {
    // The workspace's spelling of it: `first_visit` finds the pairs of "First visit" and back.
    params.push((await categorySpeller(sql, workspaceId))(query.category));
    where.push(`category = $${params.length}`);
  }
  if (query.source === 'gap_inbox') where.push(`metadata->>'phrasing_of' IS NOT NULL`);
  else if (query.source) {
    params.push(query.source);
    where.push(`source = $${params.length} AND metadata->>'phrasing_of' IS NULL`);
  }
  if (query.phrasings === 'exclude') where.push(`metadata->>'phrasing_of' IS NULL`);
  if (query.active !== 'all') where.push(query.active === 'true' ? 'is_active' : 'NOT is_active');
  const filter = where.join(' AND ');
  // Words: every word in the question first, then the most of them there; owner's pairs before phrasings.
  const rank =
    inQuestion.length > 0
      ? `(${inQuestion.join(' + ')}) = ${inQuestion.length} DESC, (${inQuestion.join(' + ')}) DESC, metadata->>'phrasing_of' IS NOT NULL, `
      : '';
  // The page and the total in one pass.
  const rows = await sql.query<AdminPair & { total_count: number; phrasing_count: number }>(
    `SELECT ${adminPairColumns}, count(*) OVER ()::int AS total_count,
       (count(*) FILTER (WHERE metadata->>'phrasing_of' IS NOT NULL) OVER ())::int AS phrasing_count
     FROM qa_pairs WHERE ${filter}
     ORDER BY ${rank}created_at DESC, ${importRow} NULLS LAST, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.page_size, (query.page - 1) * query.page_size],
  );
  const items = rows.map(({ total_count: _total, phrasing_count: _phrasings, ...pair }) => pair);
  if (rows.length > 0 || query.page === 1)
    return { items, total: rows[0]?.total_count ?? 0, phrasings: rows[0]?.phrasing_count ?? 0 };
  // A page past the end has no row to carry the total.
  const [count] = await sql.query<{ n: number; p: number }>(
    `SELECT count(*)::int AS n, (count(*) FILTER (WHERE metadata->>'phrasing_of' IS NOT NULL))::int AS p
     FROM qa_pairs WHERE ${filter}`,
    params,
  );
  return { items, total: count?.n ?? 0, phrasings: count?.p ?? 0 };
}

/**
 * One pair of the workspace, or null. `lock`: `FOR UPDATE`, held until the transaction ends, so an
 * edit compares and writes the version no other edit can change in between.
 */
export async function getPair(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AdminPair | null> {
  const [row] = await sql.query<AdminPair>(
    `SELECT ${adminPairColumns} FROM qa_pairs WHERE id = $1 AND workspace_id = $2${options.lock ? ' FOR UPDATE' : ''}`,
    [id, workspaceId],
  );
  return row ?? null;
}

/**
 * When the owner last changed the pair's question, answer or category (`edited_at`, written by the
 * same statement as the change, so equal to that version's `updated_at`); null when never (or
 * before the column existed) or when the pair is not this workspace's.
 */
export async function pairEditedAt(sql: SqlExecutor, workspaceId: string, id: string): Promise<Date | null> {
  const [row] = await sql.query<{ edited_at: Date | null }>(
    'SELECT edited_at FROM qa_pairs WHERE id = $1 AND workspace_id = $2',
    [id, workspaceId],
  );
  return row?.edited_at ?? null;
}

/** What an edit may change on a pair. */
export interface PairChanges {
  question?: string | undefined;
  answer?: string | undefined;
  category?: string | undefined;
  is_active?: boolean | undefined;
  embedding?: { vector: Float32Array; model: string } | undefined;
}

/**
 * Applies the given changes, with the new text's stored search forms (`searchText`,
 * `questionKey`) and the category spelt as the workspace's other pairs spell it
 * (`categorySpeller`); null when the pair is not this workspace's.
 */
export async function updatePair(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
  changes: PairChanges,
): Promise<AdminPair | null> {
  const { question, answer } = changes;
  const category =
    changes.category === undefined ? null : (await categorySpeller(sql, workspaceId, [id]))(changes.category);
  const [row] = await sql.query<AdminPair & { search_text_missing: boolean }>(
    `UPDATE qa_pairs SET
       question = coalesce($3, question),
       answer = coalesce($4, answer),
       search_question = coalesce($9, search_question),
       search_answer = coalesce($10, search_answer),
       question_key = coalesce($11, question_key),
       category = coalesce($5, category),
       is_active = coalesce($6, is_active),
       embedding = coalesce($7::vector, embedding),
       metadata = CASE WHEN $8::text IS NULL THEN metadata
                  ELSE coalesce(metadata, '{}'::jsonb) || jsonb_build_object('embedding_model', $8::text) END,
       -- The owner's change (an import's undo keeps the pair): its text or category, not only its state.
       edited_at = CASE WHEN coalesce($3, question) IS DISTINCT FROM question
                          OR coalesce($4, answer) IS DISTINCT FROM answer
                          OR coalesce($5, category) IS DISTINCT FROM category
                   THEN now() ELSE edited_at END
     WHERE id = $1 AND workspace_id = $2
     RETURNING ${adminPairColumns},
       (search_question IS NULL OR search_answer IS NULL OR question_key IS NULL) AS search_text_missing`,
    [
      id,
      workspaceId,
      question ?? null,
      answer ?? null,
      category,
      changes.is_active ?? null,
      changes.embedding ? toVectorLiteral(changes.embedding.vector) : null,
      changes.embedding?.model ?? null,
      question === undefined ? null : searchText(question),
      answer === undefined ? null : searchText(answer),
      question === undefined ? null : questionKey(question),
    ],
  );
  if (!row) return null;
  const { search_text_missing: missing, ...pair } = row;
  // Emptied by the stale-text trigger (a new text that folds as the old one did) or never filled.
  if (missing) await fillSearchText(sql, [pair]);
  return pair;
}

/**
 * Bulk activate/deactivate/recategorise; returns how many of the ids were this workspace's. The
 * category is stored as given: spell it first (`categorySpeller` excluding `ids`).
 */
export async function bulkUpdate(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
  set: { is_active?: boolean; category?: string },
): Promise<number> {
  const rows = await sql.query(
    `UPDATE qa_pairs SET is_active = coalesce($3, is_active), category = coalesce($4, category),
       edited_at = CASE WHEN coalesce($4, category) IS DISTINCT FROM category THEN now() ELSE edited_at END
     WHERE workspace_id = $1 AND id = ANY($2::uuid[]) RETURNING id`,
    [workspaceId, ids, set.is_active ?? null, set.category ?? null],
  );
  return rows.length;
}

/** Categories in the order an owner reads them: "office hours" before "Pricing", case ignored. */
const byLabel = (a: string, b: string) =>
  a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The categories to choose from (`all`: every category the workspace has, retired pairs' too, or
 * `general` when it has none) and those that hold pairs (`inUse`: what filtering by category can
 * find), each sorted.
 */
export async function listCategories(
  sql: SqlExecutor,
  workspaceId: string,
): Promise<{ all: string[]; inUse: string[] }> {
  const rows = await sql.query<{ category: string }>(
    'SELECT DISTINCT category FROM qa_pairs WHERE workspace_id = $1',
    [workspaceId],
  );
  const inUse = rows.map((r) => r.category).sort(byLabel);
  // The workspace's own, never another business's defaults (`general` for a new workspace).
  return { all: inUse.length > 0 ? inUse : ['general'], inUse };
}

/**
 * The active pair whose *question* is closest to the new question, above the seed's 0.95 dedup
 * threshold, other than `excludeId`. Stored vectors mix question and answer (`embedPairs`), so the
 * ten nearest pairs are re-scored on their questions alone by `questionSimilarity` (the cosine of
 * each candidate question with the new one).
 */
export async function nearDuplicate(
  sql: SqlExecutor,
  workspaceId: string,
  embedding: Float32Array,
  questionSimilarity: (questions: string[]) => Promise<number[]>,
  excludeId?: string,
): Promise<QaMatch | null> {
  const candidates = (await searchQaPairs(sql, workspaceId, embedding, { threshold: 0, count: 10 })).filter(
    (m) => m.id !== excludeId,
  );
  if (candidates.length === 0) return null;
  const sims = await questionSimilarity(candidates.map((m) => m.question));
  const best = candidates
    .map((m, i) => ({ ...m, similarity: sims[i] ?? 0 }))
    .filter((m) => m.similarity > 0.95)
    .sort((a, b) => b.similarity - a.similarity);
  return best[0] ?? null;
}

/** The questions of the given pairs of the workspace. */
export async function pairQuestions(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; question: string }[]> {
  return sql.query<{ id: string; question: string }>(
    'SELECT id, question FROM qa_pairs WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
    [workspaceId, ids],
  );
}
