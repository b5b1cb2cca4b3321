import { randomUUID } from 'node:crypto';
import { type Embedder, embedPairs, type QaPairInput, type QaSource } from '@clara/core';
import {
  activeQuestionSet,
  type Database,
  insertQaPairs,
  largeImportRows,
  type NewQaPair,
  refreshSearchStatistics,
} from '@clara/supabase';
import type { CsvRowError } from './parse-qa-csv';

export interface ImportResult {
  imported: number;
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
 * Embeds and stores validated pairs in one transaction (all or nothing), skipping exact
 * duplicates of active questions. Every pair records its `import_batch_id` and embedder; pairs are
 * embedded as question + answer (`embedPairs`).
 */
export async function importQaPairs(
  db: Database,
  embedder: Embedder,
  workspaceId: string,
  rows: readonly { row: number; pair: QaPairInput }[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const batchId = randomUUID();
  const errors: CsvRowError[] = [];
  const existing = await activeQuestionSet(db, workspaceId);
  const fresh: { row: number; pair: QaPairInput }[] = [];
  for (const r of rows) {
    const key = r.pair.question.toLowerCase();
    if (existing.has(key)) {
      errors.push({ row: r.row, message: 'duplicate question: already in the knowledge base' });
      continue;
    }
    existing.add(key);
    fresh.push(r);
  }
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
        metadata: { import_batch_id: batchId, embedding_model: embedder.id, import_row: r.row },
      });
    });
    options.onProgress?.(Math.min(i + step, fresh.length), fresh.length);
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < pairs.length; i += 1000)
      await insertQaPairs(tx, workspaceId, pairs.slice(i, i + 1000));
  });
  if (pairs.length >= largeImportRows) await refreshSearchStatistics(db);
  return { imported: pairs.length, skipped: errors.length, errors, batch_id: batchId };
}
