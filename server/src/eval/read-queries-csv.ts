import { ClaraError } from '@clara/core';
import { parse } from 'csv-parse/sync';

/** One evaluation query: the expected answer text, or null when nothing in the KB answers it (a gap). */
export interface EvalQuery {
  query: string;
  expected_answer: string | null;
  /** The query's row in the file as a spreadsheet numbers it (the header is row 1), when read from a file. */
  row?: number;
}

/** The columns a queries CSV must name in its header. */
const requiredColumns = ['query', 'expected_answer'] as const;

/**
 * Parses a `query,expected_answer` CSV (quoted fields allowed; an empty expected answer is a gap).
 * A header that does not name both columns is refused: a misspelt `expected_answer` would
 * otherwise turn every query into an unanswerable one.
 */
export function parseQueriesCsv(text: string): EvalQuery[] {
  let header: string[] | null = null;
  let records: { record: Record<string, string>; info: { records: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      // Any mix of line endings between records, as the knowledge-base import reads them.
      record_delimiter: ['\r\n', '\n', '\r'],
      columns: (cells: string[]) => {
        header = cells.map((h) => h.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    throw new ClaraError(
      'validation_failed',
      `The queries CSV could not be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const named: string[] = header ?? [];
  const missing = requiredColumns.filter((c) => !named.includes(c));
  if (missing.length > 0) {
    const read = named.length > 0 ? `it reads ${named.join(',')}` : 'the file is empty';
    throw new ClaraError(
      'validation_failed',
      `The queries CSV header must name the columns query,expected_answer (${read}; missing ${missing.join(', ')}).`,
    );
  }
  return records
    .filter(({ record }) => (record.query ?? '').trim() !== '')
    .map(({ record, info }) => ({
      query: (record.query ?? '').trim(),
      expected_answer: (record.expected_answer ?? '').trim() || null,
      // Spreadsheet rows: the header is row 1 and a blank line is a row of its own.
      row: info.records + info.empty_lines + 1,
    }));
}
