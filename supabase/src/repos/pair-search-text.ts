import { questionKey, searchText } from '@clara/core';
import type { Database, SqlExecutor } from '../database';

/**
 * SQL: `text` folded as core's `searchText` folds it, for rows whose stored form is still empty
 * (written before migration 20261207180000 and not yet backfilled, or whose text was changed by
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
 * `question_key`) from the text read; a pair whose question or answer changed since it was read,
 * or whose forms were stored meanwhile, is left alone (its writer set them; each write bumps
 * `updated_at`). Returns how many pairs were written.
 */
export async function fillSearchText(sql: SqlExecutor, rows: readonly PairTextRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await sql.query(
    `UPDATE qa_pairs q SET search_question = u.sq, search_answer = u.sa, question_key = u.qk
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS u(id, question, answer, sq, sa, qk)
     WHERE q.id = u.id AND q.question = u.question AND q.answer = u.answer
       AND (q.search_question IS NULL OR q.search_answer IS NULL OR q.question_key IS NULL)
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
 * The advisory lock a backfill batch holds (transaction-scoped, so it is released at commit and
 * safe behind a transaction pooler): one instance backfills at a time.
 */
const backfillLock = "SELECT pg_try_advisory_xact_lock(hashtext('clara:search-text-backfill')) AS locked";

/**
 * Fills the stored search forms of every pair that lacks one (rows written before migration
 * 20261207180000, or changed by hand-written SQL), in batches of `batchSize` in id order, calling
 * `onBatch` after each with the running count; `shouldStop` is asked between batches. Each batch
 * is read and written in one transaction under an advisory lock: when another instance holds it
 * (it is backfilling), this one stops and leaves the rest to it (`onBusy`), so several instances
 * started together never write the same pairs. Idempotent: a second run finds nothing to do.
 * Returns how many pairs were written.
 */
export async function backfillPairSearchText(
  db: Database,
  options: {
    batchSize?: number;
    onBatch?: (written: number) => void;
    onBusy?: () => void;
    shouldStop?: () => boolean;
  } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let written = 0;
  let afterId: string | null = null;
  while (!options.shouldStop?.()) {
    const from: string | null = afterId;
    const batch = await db.transaction(
      async (tx): Promise<{ lastId: string | null; written: number } | null> => {
        const [lock] = await tx.query<{ locked: boolean }>(backfillLock);
        if (!lock?.locked) return null;
        const rows: PairTextRow[] = await tx.query<PairTextRow>(
          `SELECT id, question, answer FROM qa_pairs
         WHERE (search_question IS NULL OR search_answer IS NULL OR question_key IS NULL)
           AND ($1::uuid IS NULL OR id > $1)
         ORDER BY id LIMIT $2`,
          [from, batchSize],
        );
        return { lastId: rows[rows.length - 1]?.id ?? null, written: await fillSearchText(tx, rows) };
      },
    );
    if (!batch) {
      options.onBusy?.();
      break;
    }
    if (batch.lastId === null) break;
    written += batch.written;
    afterId = batch.lastId;
    options.onBatch?.(written);
  }
  return written;
}
