import { ClaraError, type QaPairInput, qaPairInputSchema } from '@clara/core';
import { parse } from 'csv-parse/sync';

export interface CsvRowError {
  /** Line number in the file (the header is line 1). */
  row: number;
  message: string;
}

export interface ParsedQaCsv {
  rows: { row: number; pair: QaPairInput }[];
  errors: CsvRowError[];
}

const maxRows = 100_000;

/**
 * Parses a Q&A CSV (header `question,answer,category`; category optional; quoted fields
 * allowed) and validates each row. Bad rows are reported, not fatal; a broken file is.
 */
export function parseQaCsv(text: string): ParsedQaCsv {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    throw new ClaraError('validation_failed', `The CSV could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (records.length > maxRows) {
    throw new ClaraError('payload_too_large', `The CSV has over ${maxRows.toLocaleString('en')} rows.`);
  }
  const first = records[0]?.record;
  if (first && (!('question' in first) || !('answer' in first))) {
    throw new ClaraError(
      'validation_failed',
      'The CSV header must name the columns question,answer,category.',
    );
  }
  const rows: ParsedQaCsv['rows'] = [];
  const errors: CsvRowError[] = [];
  for (const { record, info } of records) {
    const result = qaPairInputSchema.safeParse({
      question: record.question ?? '',
      answer: record.answer ?? '',
      category: record.category ?? undefined,
    });
    if (result.success) rows.push({ row: info.lines, pair: result.data });
    else errors.push({ row: info.lines, message: result.error.issues.map((i) => i.message).join('; ') });
  }
  return { rows, errors };
}
