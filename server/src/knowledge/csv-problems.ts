import { ClaraError } from '@clara/core';
import type { CsvDelimiter } from './csv-delimiter';

/** What to do with a file that is not UTF-8, in the owner's words. */
export const saveAsUtf8 =
  'In Excel choose File → Save As → "CSV UTF-8 (Comma delimited)" and import that file.';

/** What the CSV's first line must hold, as the messages name it. */
const headerText = 'question,answer[,category]';

/**
 * Refuses what is not a Q&A CSV before it is parsed: an empty file, or a binary one (an image, a
 * spreadsheet workbook, a PDF) that reached us decoded as UTF-8: more than 5% NUL, undecodable
 * and control characters (U+FFFD is what a decoder puts for a byte it cannot read).
 */
export function assertCsvText(text: string): void {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new ClaraError(
      'validation_failed',
      `The file is empty: it needs a header row ${headerText} and one row per pair.`,
    );
  }
  const sample = text.slice(0, 64 * 1024);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this counts
  const odd = sample.match(/[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  // A share, not any NUL at all: one NUL in a row is that row's error (it cannot be stored), not a binary file.
  if (odd > sample.length * 0.05) {
    if (looksUtf16(sample)) {
      throw new ClaraError(
        'validation_failed',
        `This file is not UTF-8 text: it looks like UTF-16 without a byte order mark. ${saveAsUtf8}`,
      );
    }
    const zip = sample.startsWith('PK\u0003\u0004');
    throw new ClaraError(
      'validation_failed',
      zip
        ? 'This file is not a CSV text file. It looks like a spreadsheet workbook: save it as CSV (comma delimited) and import that.'
        : "This file is not a CSV text file: it holds binary data (an image, a PDF or another program's file), not rows of text. Save the questions and answers as CSV (comma delimited) and import that.",
    );
  }
}

/** Text read from UTF-16 bytes as if they were one byte a character: a NUL in every other place. */
function looksUtf16(sample: string): boolean {
  const head = sample.slice(0, 2000);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === '\u0000') i % 2 ? odd++ : even++;
  return Math.max(even, odd) > head.length * 0.4 && Math.min(even, odd) < head.length * 0.02;
}

/** csv-parse's error, as the fields of its `CsvError` that say where and what. */
interface CsvParseError {
  code?: unknown;
  records?: unknown;
  empty_lines?: unknown;
  header?: unknown;
}

const count = (n: unknown) => (typeof n === 'number' && n > 0 ? n : 0);

/**
 * True when the row that starts on spreadsheet row `row` opens a quote that is never closed: no
 * line break outside quotes ends it, and the text ends inside quotes. csv-parse reports such a row
 * as over its record size limit when the rest of the file is long (as CSV_MAX_RECORD_SIZE, not
 * CSV_QUOTE_NOT_CLOSED), though the quote is what the owner must fix.
 */
function quoteNeverClosed(text: string, row: number): boolean {
  let at = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) && ++at > row) return false;
  }
  return quoted && at === row;
}

/**
 * A file csv-parse could not read, in the owner's words with the row to fix, numbered as the row
 * errors and a spreadsheet number them (the header is row 1; a blank line is a row; a quoted cell
 * over several lines is one row): the row where the record being read starts. csv-parse's own
 * message quotes the file's bytes and its options, so it is kept only as the cause. `text`: the
 * file, to tell a row over 64 KB from a quote never closed that ran on to that size.
 */
export function csvReadError(
  error: unknown,
  headerRead: boolean,
  delimiter: CsvDelimiter = ',',
  text?: string,
): ClaraError {
  const next = { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[delimiter];
  const e = (error ?? {}) as CsvParseError;
  // `header` is true while csv-parse still expects the header row.
  const header = typeof e.header === 'boolean' ? !e.header : headerRead;
  const row = count(e.records) + count(e.empty_lines) + (header ? 1 : 0) + 1;
  const at = `Row ${row}${header ? '' : ' (the header)'}: `;
  const code =
    e.code === 'CSV_MAX_RECORD_SIZE' && text !== undefined && quoteNeverClosed(text, row)
      ? 'CSV_QUOTE_NOT_CLOSED'
      : e.code;
  const message = (() => {
    switch (code) {
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return `${at}a quote inside a field must be doubled (""), and a field in quotes must end with its closing quote right before the next ${next}.`;
      case 'INVALID_OPENING_QUOTE':
        return `${at}a field with a quote in it must be put in quotes as a whole, with its own quotes doubled: "Do you sell ""organic"" bread?"`;
      case 'CSV_QUOTE_NOT_CLOSED':
        return `${at}a field opens a quote (") that is never closed, so the rest of the file reads as one field; add the closing quote, and double any quote inside the field ("").`;
      case 'CSV_MAX_RECORD_SIZE':
        return `${at}the row is over 64 KB: a question with its answer must be shorter (or a quote is missing and the row runs on).`;
      default:
        return `${at}this row could not be read as CSV.`;
    }
  })();
  return new ClaraError('validation_failed', message, { cause: error });
}

/**
 * The spreadsheet row (header = row 1) that the character at `index` of a CSV text is in: line
 * breaks inside a quoted field do not start a row; CRLF, LF and CR each end one.
 */
export function rowAt(text: string, index: number): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || (c === '\r' && text[i + 1] !== '\n'))) row++;
  }
  return row;
}

/**
 * The refusal of a header that does not name question and answer (e.g. a file with no header,
 * starting with a pair): the row it is on and what it reads.
 */
export function headerProblem(text: string, names: readonly string[]): string {
  // csv-parse skips blank lines before the header; a spreadsheet shows them as rows.
  const blank = /^\uFEFF?((?:\r\n|\n|\r)*)/.exec(text)?.[1] ?? '';
  const row = (blank.match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
  const cut = (cell: string) => (cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
  const cells = names.slice(0, 4).map((cell) => `“${cut(cell)}”`);
  const read = `${cells.join(', ')}${names.length > 4 ? ', …' : ''}`;
  return `Row ${row} must be the header, naming the columns question,answer[,category]; it reads ${read}. Add that header row above the pairs.`;
}
