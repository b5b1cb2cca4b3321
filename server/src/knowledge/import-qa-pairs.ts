import { randomUUID } from 'node:crypto';
import { type Embedder, embedPairs, type QaSource } from '@clara/core';
import { type Database, largeImportRows, type NewQaPair, refreshSearchStatistics } from '@clara/supabase';
import { countInactive, loadExistingQuestions, notUpdated, splitDuplicates } from './import-duplicates';
import { saveFollowingParents } from './import-parents';
import { type ImportRow, parentGoneError, resolvePhrasings, saveImportChunk } from './import-phrasings';
import { applyUpdates, prepareUpdates } from './import-updates';
import type { CsvRowError, QaCsvRow } from './parse-qa-csv';

export interface ImportResult {
  imported: number;
  /** Of the imported pairs, those stored inactive (`is_active=false` rows). */
  inactive: number;
  /** Pairs of the knowledge base whose answer or category the file changed, updated (`update`). */
  updated: number;
  skipped: number;
  errors: CsvRowError[];
  batch_id: string;
}

export interface ImportOptions {
  source?: QaSource;
  /** Rows embedded per call (bounded memory). */
  embedBatch?: number;
  onProgress?: (done: number, total: number) => void;
  /** Update the pairs whose answer or category a row changes (else such rows are skipped, saying `updateHint`). */
  update?: boolean | undefined;
  /** How to update a skipped changed row, as the skip message ends. */
  updateHint?: string | undefined;
  /** The file has a category column (`ParsedQaCsv.hasCategory`); without one a row's category is not compared. */
  hasCategory?: boolean | undefined;
}

/**
 * Embeds and stores validated pairs in one transaction (all or nothing), skipping duplicate
 * questions (case-insensitive, within the file or of the knowledge base: `splitDuplicates`), or
 * with `update` updating a pair whose answer or category a row changes (`applyUpdates`); a row
 * with `active: false` is stored inactive. Every pair records its `import_batch_id` and embedder;
 * pairs are embedded as question + answer (`embedPairs`). A `phrasing_of` row is saved as a
 * phrasing of the pair it names (`resolvePhrasings`), or refused.
 */
export async function importQaPairs(
  db: Database,
  embedder: Embedder,
  workspaceId: string,
  rows: readonly QaCsvRow[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const batchId = randomUUID();
  const split = splitDuplicates(rows, await loadExistingQuestions(db, workspaceId, rows), {
    hasCategory: options.hasCategory,
  });
  // The owner's rows, then the phrasings, each linked to its pair.
  const resolved = await resolvePhrasings(db, workspaceId, split.fresh);
  const fresh = resolved.rows;
  const skipChanged = options.update ? [] : split.changed;
  const errors = [
    ...split.errors,
    ...resolved.errors,
    ...notUpdated(skipChanged, options.updateHint ?? 'not asked to update'),
  ];
  const step = options.embedBatch ?? 256;
  const pairs: NewQaPair[] = [];
  for (let i = 0; i < fresh.length; i += step) {
    const slice = fresh.slice(i, i + step);
    const vectors = await embedPairs(
      embedder,
      slice.map((r) => r.pair),
    );
    slice.forEach((r, j) => {
      const embedding = vectors[j];
      if (!embedding) throw new Error('embedder returned fewer vectors than texts');
      pairs.push({
        ...r.pair,
        embedding,
        source: options.source ?? 'csv_import',
        is_active: r.active,
        metadata: { import_batch_id: batchId, embedding_model: embedder.id, import_row: r.row },
      });
    });
    options.onProgress?.(Math.min(i + step, fresh.length), fresh.length);
  }
  const updates = options.update
    ? await prepareUpdates(db, embedder, workspaceId, split.changed, { rows: fresh })
    : [];
  const idsByRow = new Map<number, string>();
  // New pairs and updates in one transaction: all or nothing. The new rows first, each phrasing
  // with its pair's answer as it is then (`saveFollowingParents`); an update then moves the
  // file's phrasings of its pair with the others (`prepareUpdates` embedded them for it). A
  // phrasing whose pair was deleted since the file was read is left out and reported.
  const { applied, gone } = await saveFollowingParents(embedder, fresh, pairs, () =>
    db.transaction(async (tx) => {
      const gone: ImportRow[] = [];
      for (let i = 0; i < pairs.length; i += 1000)
        gone.push(
          ...(await saveImportChunk(
            tx,
            workspaceId,
            fresh.slice(i, i + 1000),
            pairs.slice(i, i + 1000),
            idsByRow,
          )),
        );
      return { applied: await applyUpdates(tx, workspaceId, updates, embedder.id), gone };
    }),
  );
  const goneRows = new Set(gone.map((r) => r.row));
  errors.push(...applied.errors, ...gone.map(parentGoneError));
  errors.sort((a, b) => a.row - b.row);
  if (pairs.length >= largeImportRows) await refreshSearchStatistics(db);
  return {
    imported: pairs.length - gone.length,
    inactive: countInactive(fresh.filter((r) => !goneRows.has(r.row))),
    updated: applied.updated,
    skipped: errors.length,
    errors,
    batch_id: batchId,
  };
}
