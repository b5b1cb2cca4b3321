import { randomUUID } from 'node:crypto';
import { type Embedder, embedPairs, type QaSource } from '@clara/core';
import {
  type Database,
  largeImportRows,
  type NewQaPair,
  questionSets,
  refreshSearchStatistics,
} from '@clara/supabase';
import { countInactive, splitDuplicates } from './import-duplicates';
import { resolvePhrasings, saveImportChunk } from './import-phrasings';
import type { CsvRowError, QaCsvRow } from './parse-qa-csv';

export interface ImportResult {
  imported: number;
  /** Of the imported pairs, those stored inactive (`is_active=false` rows). */
  inactive: number;
  skipped: number;
  errors: CsvRowError[];
  batch_id: string;
}

export interface ImportOptions {
  source?: QaSource;
  /** Rows embedded per call (bounded memory). */
  embedBatch?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Embeds and stores validated pairs in one transaction (all or nothing), skipping duplicate
 * questions (case-insensitive, within the file or of the knowledge base: `splitDuplicates`); a row
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
  const split = splitDuplicates(rows, await questionSets(db, workspaceId));
  // The owner's rows, then the phrasings, each linked to its pair.
  const { rows: fresh, errors: unlinked } = await resolvePhrasings(db, workspaceId, split.fresh);
  const errors = [...split.errors, ...unlinked].sort((a, b) => a.row - b.row);
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
  const idsByRow = new Map<number, string>();
  await db.transaction(async (tx) => {
    for (let i = 0; i < pairs.length; i += 1000)
      await saveImportChunk(tx, workspaceId, fresh.slice(i, i + 1000), pairs.slice(i, i + 1000), idsByRow);
  });
  if (pairs.length >= largeImportRows) await refreshSearchStatistics(db);
  return {
    imported: pairs.length,
    inactive: countInactive(fresh),
    skipped: errors.length,
    errors,
    batch_id: batchId,
  };
}
