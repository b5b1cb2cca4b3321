import { ClaraError, type QaPairInput, qaPairInputSchema } from '@clara/core';
import { parse } from 'csv-parse/sync';
import { type CsvDelimiter, detectDelimiter } from './csv-delimiter';
import { assertCsvText, csvReadError, headerProblem } from './csv-problems';
import { restoreFormula } from './formula-cells';

export interface CsvRowError {
  /** The record's row as a spreadsheet shows it (the header is row 1; see `spreadsheetRow`). */
  row: number;
  message: string;
}

/** A valid row: its line, its pair, and whether it comes in active (an `is_active` column, e.g. an export's). */
export interface QaCsvRow {
  row: number;
  pair: QaPairInput;
  /** False: stored inactive; left out (rows made by other code): active. */
  active?: boolean | undefined;
  /**
   * A `phrasing_of` cell (as the export writes it): the question of the pair this row is a
   * visitor's wording of, found in the file or the knowledge base (`resolvePhrasings`).
   */
  phrasingOf?: string | undefined;
}

export interface ParsedQaCsv {
  rows: QaCsvRow[];
  errors: CsvRowError[];
  /** The separator the file was read with (`detectDelimiter`); commas when left out. */
  delimiter?: CsvDelimiter | undefined;
  /** The file has a category column (without one, an import compares no row's category with its pair's). */
  hasCategory?: boolean | undefined;
}

// What an `is_active` cell may say (the export writes true/false; spreadsheets TRUE/FALSE); empty = active.
const activeWords = new Map([
  ['', true],
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

const maxRows = 100_000;

/**
 * The row a spreadsheet shows a record in: the header is row 1, then one row per record and per
 * blank line before it, whatever the line endings (CRLF or LF) or the newlines inside a quoted
 * cell (a two-line answer is one row). csv-parse's `lines` counts file lines instead, and counts
 * a CRLF inside quotes twice.
 */
const spreadsheetRow = (info: { records: number; empty_lines: number }) =>
  info.records + info.empty_lines + 1;

/**
 * Parses a Q&A CSV (header `question,answer,category`; category optional; an optional
 * `is_active` column, true/false, and an optional `phrasing_of` column, as the export writes
 * them; quoted fields allowed; separated by commas, or by semicolons or tabs as the header row
 * shows: `detectDelimiter`) and validates
 * each row. Bad rows are reported, not fatal; a broken file is (empty,
 * binary, unreadable quotes, no header or no rows: `validation_failed` with a
 * plain message naming the row to fix, numbered as the row errors are).
 */
export function parseQaCsv(text: string): ParsedQaCsv {
  assertCsvText(text);
  const delimiter = detectDelimiter(text);
  let header: string[] = [];
  let headerCells: string[] = [];
  let records: { record: Record<string, string>; info: { records: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      // Any mix of line endings between records: an export's CRLF with a row added in an editor
      // that writes LF (csv-parse otherwise takes the first line's ending for the whole file and
      // reads the other as a stray character after a closing quote). CRLF first, so it is one break.
      record_delimiter: ['\r\n', '\n', '\r'],
      columns: (names: string[]) => {
        headerCells = names;
        header = names.map((h) => h.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    throw csvReadError(error, header.length > 0, delimiter, text);
  }
  if (records.length > maxRows) {
    throw new ClaraError('payload_too_large', `The CSV has over ${maxRows.toLocaleString('en')} rows.`);
  }
  if (!header.includes('question') || !header.includes('answer')) {
    throw new ClaraError('validation_failed', headerProblem(text, headerCells));
  }
  if (records.length === 0) {
    throw new ClaraError(
      'validation_failed',
      'The file has a header row but no pairs: add one row per question and answer below it.',
    );
  }
  const rows: ParsedQaCsv['rows'] = [];
  const errors: CsvRowError[] = [];
  for (const { record, info } of records) {
    const row = spreadsheetRow(info);
    const result = qaPairInputSchema.safeParse({
      // An export's formula-like cells ('=…) come back without the apostrophe it added.
      question: restoreFormula(record.question ?? ''),
      answer: restoreFormula(record.answer ?? ''),
      category: record.category === undefined ? undefined : restoreFormula(record.category),
    });
    const active = activeWords.get((record.is_active ?? '').trim().toLowerCase());
    const messages = result.success ? [] : result.error.issues.map((i) => i.message);
    if (active === undefined) messages.push('is_active must be true or false');
    const phrasingOf = restoreFormula(record.phrasing_of ?? '').trim() || undefined;
    if (result.success && active !== undefined)
      rows.push({ row, pair: result.data, active, ...(phrasingOf ? { phrasingOf } : {}) });
    else errors.push({ row, message: messages.join('; ') });
  }
  return { rows, errors, delimiter, hasCategory: header.includes('category') };
}
