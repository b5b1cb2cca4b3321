import { categoryKey, type Embedder, embedPairs } from '@clara/core';
import { getPair, phrasingsOf, type SqlExecutor, updatePair } from '@clara/supabase';
import type { ChangedRow } from './import-duplicates';
import type { ImportRow } from './import-phrasings';
import type { CsvRowError } from './parse-qa-csv';
import { carryToPhrasings, embedPhrasings } from './phrasing-copies';

/** A changed row ready to write: the pair's new vector and its phrasings' (by question), made before the transaction. */
export interface PreparedUpdate {
  change: ChangedRow;
  embedding: Float32Array;
  phrasingVectors: Map<string, Float32Array>;
}

/**
 * Embeds the changed pairs as an owner's edit does: the pair (its question with the new answer)
 * and, when the answer changed, each of its phrasings with the new answer (`embedPhrasings`): those
 * of the knowledge base and the file's new phrasing rows of it (`rows`, saved with the pair's answer
 * as it is then: the update moves them with the others). `sql`: reads the phrasings (outside the
 * writing transaction).
 */
export async function prepareUpdates(
  sql: SqlExecutor,
  embedder: Embedder,
  workspaceId: string,
  changed: readonly ChangedRow[],
  options: { rows?: readonly ImportRow[]; onProgress?: (done: number) => void } = {},
): Promise<PreparedUpdate[]> {
  const prepared: PreparedUpdate[] = [];
  for (const change of changed) {
    const [embedding] = await embedPairs(embedder, [{ question: change.question, answer: change.answer }]);
    if (!embedding) throw new Error('embedder returned fewer vectors than texts');
    const id = change.id.toLowerCase();
    const fileRows = (options.rows ?? []).filter(
      (r) => r.parent && 'id' in r.parent && r.parent.id.toLowerCase() === id,
    );
    const stored = await phrasingsOf(sql, workspaceId, change.id);
    const questions = new Set(stored.map((p) => p.question));
    const phrasings = [
      ...stored,
      ...fileRows
        .filter((r) => !questions.has(r.pair.question))
        .map((r) => ({ id: '', question: r.pair.question })),
    ];
    const phrasingVectors =
      change.answer === change.previous.answer
        ? new Map<string, Float32Array>()
        : await embedPhrasings(embedder, phrasings, change.answer);
    prepared.push({ change, embedding, phrasingVectors });
    options.onProgress?.(prepared.length);
  }
  return prepared;
}

const changedSince = (row: number): CsvRowError => ({
  row,
  message: 'already in the knowledge base, and changed there since the file was read: not updated',
});

/**
 * Inside the import's transaction: writes each prepared update as an owner's edit of the pair
 * (`updatePair`: new answer and category, re-embedded, `edited_at` set) and carries the new
 * answer and category to its phrasings (`carryToPhrasings`). A pair edited, removed or given a
 * phrasing since the import read it is left as it is, with a row error. The updated pairs keep
 * their own import batch: undoing this import does not revert them.
 */
export async function applyUpdates(
  tx: SqlExecutor,
  workspaceId: string,
  updates: readonly PreparedUpdate[],
  embedderId: string,
): Promise<{ updated: number; errors: CsvRowError[] }> {
  let updated = 0;
  const errors: CsvRowError[] = [];
  for (const { change, embedding, phrasingVectors } of updates) {
    // Locked until the import commits: no edit lands between this check and the write.
    const current = await getPair(tx, workspaceId, change.id, { lock: true });
    const newAnswer = change.answer !== change.previous.answer ? change.answer : undefined;
    const phrasings = await phrasingsOf(tx, workspaceId, change.id, { forUpdate: true });
    if (
      !current ||
      current.answer !== change.previous.answer ||
      categoryKey(current.category) !== categoryKey(change.previous.category) ||
      (newAnswer !== undefined && phrasings.some((p) => !phrasingVectors.has(p.question)))
    ) {
      errors.push(changedSince(change.row));
      continue;
    }
    const pair = await updatePair(tx, workspaceId, change.id, {
      answer: change.answer,
      category: change.category,
      embedding: { vector: embedding, model: embedderId },
    });
    const category = pair && pair.category !== current.category ? pair.category : undefined;
    await carryToPhrasings(
      tx,
      workspaceId,
      change.id,
      { answer: newAnswer, category },
      { vectors: phrasingVectors, model: embedderId },
    );
    updated++;
  }
  return { updated, errors };
}
