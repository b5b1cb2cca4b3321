import { ClaraError } from '@clara/core';
import { categorySpeller, type SqlExecutor } from '@clara/supabase';
import type { CsvDelimiter } from '../../knowledge/csv-delimiter';
import { type ChangedRow, loadExistingQuestions, splitDuplicates } from '../../knowledge/import-duplicates';
import { type ImportRow, resolvePhrasings } from '../../knowledge/import-phrasings';
import { type CsvRowError, parseQaCsv } from '../../knowledge/parse-qa-csv';

/** Rows one admin import may hold (the CSV is also limited to 20 MB). */
export const maxImportRows = 50_000;

/** What an import would do: rows to add, and every row it would not add, with why. */
export interface ImportPlan {
  /** The owner's rows, then the phrasings (`resolvePhrasings`). */
  rows: ImportRow[];
  errors: CsvRowError[];
  /**
   * Rows repeating the question of a pair of the knowledge base with another answer or category:
   * updated when the owner chose to (`update`), otherwise skipped (not in `errors`: the caller says why).
   */
  changed: ChangedRow[];
  /** Rows (data lines) in the file. */
  total: number;
  /** The separator the file was read with (commas, or semicolons or tabs as its header shows). */
  delimiter: CsvDelimiter;
}

/**
 * Parses and validates the CSV, then reports duplicates within the file and against the
 * workspace's pairs (same question, case-insensitive; see `splitDuplicates`) instead of adding them,
 * telling a row identical to its pair (skipped, unchanged) from one with a changed answer or
 * category (`changed`: the owner may choose to update them).
 * Each category is spelt as the workspace (or an earlier row) spells it, as it will be stored.
 */
export async function planImport(sql: SqlExecutor, workspaceId: string, text: string): Promise<ImportPlan> {
  const parsed = parseQaCsv(text);
  if (parsed.rows.length + parsed.errors.length > maxImportRows) {
    throw new ClaraError(
      'payload_too_large',
      `The file has more than ${maxImportRows.toLocaleString('en')} rows: split it, or use clara import.`,
    );
  }
  const existing = await loadExistingQuestions(sql, workspaceId, parsed.rows);
  const { fresh, errors, changed } = splitDuplicates(parsed.rows, existing, {
    hasCategory: parsed.hasCategory,
  });
  const resolved = await resolvePhrasings(sql, workspaceId, fresh);
  errors.push(...parsed.errors, ...resolved.errors);
  errors.sort((a, b) => a.row - b.row);
  const spell = await categorySpeller(sql, workspaceId);
  // A phrasing row is saved with its pair's answer as it is then; an update moves it with the pair.
  const rows = resolved.rows.map((r) => ({ ...r, pair: { ...r.pair, category: spell(r.pair.category) } }));
  return {
    rows,
    errors,
    changed,
    total: parsed.rows.length + parsed.errors.length,
    delimiter: parsed.delimiter ?? ',',
  };
}
