import { questionKey, searchText } from '@clara/core';
import type { SqlExecutor } from '../database';

/**
 * SQL: `text` folded as core's `searchText` folds it, for rows whose stored form is still empty
 * (written before migration 20261208100000 and not yet backfilled, or whose text was changed by
 * SQL written by hand): NFKD, hyphens, apostrophes and combining marks dropped, lower(). Under the
 * C locale lower() folds only ASCII, which is why the app stores the folded text.
 */
const foldedInSql = (text: string) =>
  `lower(regexp_replace(normalize(${text}, NFKD), '[-‐‑''’' || chr(768) || '-' || chr(879) || ']', '', 'g'))`;

/** SQL: a pair's question as the word search reads it (the stored `searchText`, else folded here). */
export const searchedQuestion = `coalesce(qa_pairs.search_question, ${foldedInSql('qa_pairs.question')})`;

/** SQL: a pair's answer as the word search reads it (the stored `searchText`, else folded here). */
export const searchedAnswer = `coalesce(qa_pairs.search_answer, ${foldedInSql('qa_pairs.answer')})`;

/** A pair's text, as read for `fillSearchText`. */
export interface PairTextRow {
  id: string;
  question: string;
  answer: string;
}

/**
 * Writes the stored search forms of the given pairs (`search_question`, `search_answer`,
 * `question_key`) from the text read; a pair whose question or answer changed since it was read
 * is left alone (its writer set them). Returns how many pairs were written.
 */
export async function fillSearchText(sql: SqlExecutor, rows: readonly PairTextRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await sql.query(
    `UPDATE qa_pairs q SET search_question = u.sq, search_answer = u.sa, question_key = u.qk
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS u(id, question, answer, sq, sa, qk)
     WHERE q.id = u.id AND q.question = u.question AND q.answer = u.answer
     RETURNING q.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.question),
      rows.map((r) => r.answer),
      rows.map((r) => searchText(r.question)),
      rows.map((r) => searchText(r.answer)),
      rows.map((r) => questionKey(r.question)),
    ],
  );
  return written.length;
}

/**
 * Fills the stored search forms of every pair that lacks one (rows written before migration
 * 20261208100000, or changed by hand-written SQL), in batches of `batchSize` in id order, calling
 * `onBatch` after each with the running count; `shouldStop` is asked between batches. Idempotent:
 * a second run finds nothing to do. Returns how many pairs were written.
 */
export async function backfillPairSearchText(
  sql: SqlExecutor,
  options: {
    batchSize?: number;
    onBatch?: (written: number) => void;
    shouldStop?: () => boolean;
  } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let written = 0;
  let afterId: string | null = null;
  while (!options.shouldStop?.()) {
    const rows: PairTextRow[] = await sql.query<PairTextRow>(
      `SELECT id, question, answer FROM qa_pairs
       WHERE (search_question IS NULL OR search_answer IS NULL OR question_key IS NULL)
         AND ($1::uuid IS NULL OR id > $1)
       ORDER BY id LIMIT $2`,
      [afterId, batchSize],
    );
    if (rows.length === 0) break;
    written += await fillSearchText(sql, rows);
    afterId = rows[rows.length - 1]?.id ?? null;
    options.onBatch?.(written);
  }
  return written;
}
