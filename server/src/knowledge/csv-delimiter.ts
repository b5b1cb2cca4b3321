/** The separators a Q&A CSV may use: commas, or semicolons and tabs as Excel saves CSV in many locales. */
export type CsvDelimiter = ',' | ';' | '\t';

/** Each separator in the owner's words. */
export const delimiterNames: Record<CsvDelimiter, string> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
};

/** The header line's cells split on `delimiter`, quotes respected and taken off, trimmed and lower-cased. */
function headerCells(line: string, delimiter: CsvDelimiter): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((h) => h.trim().toLowerCase());
}

/**
 * The separator of a Q&A CSV, read from its header row (the first line that is not blank): a
 * semicolon or a tab when the header splits into the question and answer columns on it and not
 * on commas ("question;answer;category", quoted or not, as Excel writes CSV where the decimal
 * separator is a comma); commas otherwise, including when no separator names the columns (the
 * header's own refusal then says what is wrong).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const line =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\n|\r/)
      .find((l) => l.trim() !== '') ?? '';
  const names = (delimiter: CsvDelimiter) => {
    const cells = headerCells(line, delimiter);
    return cells.includes('question') && cells.includes('answer');
  };
  if (names(',')) return ',';
  for (const delimiter of [';', '\t'] as const) if (names(delimiter)) return delimiter;
  return ',';
}
