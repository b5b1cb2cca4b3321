import { ClaraError } from '@clara/core';
import { parse } from 'csv-parse/sync';

/** One evaluation query: the expected answer text, or null when nothing in the KB answers it (a gap). */
export interface EvalQuery {
  query: string;
  expected_answer: string | null;
}

/** Parses a `query,expected_answer` CSV (quoted fields allowed; an empty expected answer is a gap). */
export function parseQueriesCsv(text: string): EvalQuery[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new ClaraError(
      'validation_failed',
      `The queries CSV could not be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const first = records[0];
  if (first && !('query' in first)) {
    throw new ClaraError(
      'validation_failed',
      'The queries CSV header must name the columns query,expected_answer.',
    );
  }
  return records
    .filter((r) => (r.query ?? '').trim() !== '')
    .map((r) => ({
      query: (r.query ?? '').trim(),
      expected_answer: (r.expected_answer ?? '').trim() || null,
    }));
}
