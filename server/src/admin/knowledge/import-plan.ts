import { ClaraError, type QaPairInput } from '@clara/core';
import { activeQuestionSet, type SqlExecutor } from '@clara/supabase';
import { type CsvRowError, parseQaCsv } from '../../knowledge/parse-qa-csv';

/** Rows one admin import may hold (the CSV is also limited to 20 MB). */
export const maxImportRows = 50_000;

/** What an import would do: rows to add, and every row it would not add, with why. */
export interface ImportPlan {
  rows: { row: number; pair: QaPairInput }[];
  errors: CsvRowError[];
  /** Rows (data lines) in the file. */
  total: number;
}

/**
 * Parses and validates the CSV, then reports duplicates within the file and against the
 * workspace's active pairs (same question, case-insensitive) instead of adding them.
 */
export async function planImport(sql: SqlExecutor, workspaceId: string, text: string): Promise<ImportPlan> {
  const parsed = parseQaCsv(text);
  if (parsed.rows.length + parsed.errors.length > maxImportRows) {
    throw new ClaraError(
      'payload_too_large',
      `The file has more than ${maxImportRows.toLocaleString('en')} rows: split it, or use clara import.`,
    );
  }
  const existing = await activeQuestionSet(sql, workspaceId);
  const seen = new Map<string, number>();
  const rows: ImportPlan['rows'] = [];
  const errors = [...parsed.errors];
  for (const r of parsed.rows) {
    const key = r.pair.question.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) errors.push({ row: r.row, message: `duplicate question: same as row ${first}` });
    else if (existing.has(key))
      errors.push({ row: r.row, message: 'duplicate question: already in the knowledge base' });
    else {
      seen.set(key, r.row);
      rows.push(r);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, total: parsed.rows.length + parsed.errors.length };
}
