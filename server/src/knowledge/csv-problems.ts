import { ClaraError } from '@clara/core';

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
      `This file is not a CSV text file.${zip ? ' It looks like a spreadsheet workbook: save it as CSV (comma delimited) and import that.' : ''}`,
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

/** The header's columns when they name question and answer but are separated by `;` or tabs. */
export function separatorProblem(header: readonly string[]): string | null {
  if (header.length !== 1) return null;
  const only = header[0] ?? '';
  for (const [separator, name] of [
    [';', 'semicolons'],
    ['\t', 'tabs'],
  ] as const) {
    if (only.includes(separator)) {
      return `This file looks separated by ${name}: save it as CSV with commas.`;
    }
  }
  return null;
}

/** csv-parse's error, as the fields of its `CsvError` that say where and what. */
interface CsvParseError {
  code?: unknown;
  lines?: unknown;
  bytes_records?: unknown;
}

/**
 * A file csv-parse could not read, in the owner's words with the line to fix (csv-parse's own
 * message quotes the file's bytes and its options, so it is kept only as the cause).
 */
export function csvReadError(error: unknown, text: string, headerRead: boolean): ClaraError {
  const e = (error ?? {}) as CsvParseError;
  const at = typeof e.lines === 'number' && e.lines > 0 ? `Line ${e.lines}: ` : '';
  const message = (() => {
    switch (e.code) {
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return `${at}a quote inside a field must be doubled (""), and a field in quotes must end with its closing quote right before the next comma.`;
      case 'INVALID_OPENING_QUOTE':
        return `${at}a field with a quote in it must be put in quotes as a whole, with its own quotes doubled: "Do you sell ""organic"" bread?"`;
      case 'CSV_QUOTE_NOT_CLOSED':
        return `Line ${recordStartLine(text, e.bytes_records, headerRead)}: a field opens a quote (") that is never closed; add the closing quote, and double any quote inside the field ("").`;
      case 'CSV_MAX_RECORD_SIZE':
        return `${at}the row is over 64 KB: a question with its answer must be shorter (or a quote is missing and the row runs on).`;
      default:
        return `${at}this line could not be read as CSV.`;
    }
  })();
  return new ClaraError('validation_failed', message, { cause: error });
}

/**
 * The line where the record csv-parse was reading starts: after the bytes of the rows it finished
 * (`bytes_records` counts the header only once a row after it is finished).
 */
function recordStartLine(text: string, bytesRecords: unknown, headerRead: boolean): number {
  const bytes = typeof bytesRecords === 'number' ? bytesRecords : 0;
  const before = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8')
    .subarray(0, bytes)
    .toString('utf8');
  return Math.max(before.split('\n').length, headerRead ? 2 : 1);
}
