import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the shared BANKING77 data sits relative to this file (../shared beside the repo). */
export const banking77TestCsv = fileURLToPath(
  new URL('../../../../../shared/data/banking77/test.csv', import.meta.url),
);

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The `text` column of a BANKING77 CSV (`text,category`). */
export function readBanking77Texts(path = banking77TestCsv): string[] {
  const [header = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const column = header.indexOf('text');
  return rows.map((r) => r[column] ?? '').filter((t) => t.trim() !== '');
}
