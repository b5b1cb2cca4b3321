import { neutraliseFormula } from '../../knowledge/formula-cells';

/** Quotes one CSV cell, neutralising formulas with a leading apostrophe. */
export function csvCell(value: unknown): string {
  const text = neutraliseFormula(value instanceof Date ? value.toISOString() : String(value ?? ''));
  return `"${text.replace(/"/g, '""')}"`;
}

/** A CSV document (CRLF line ends, every cell quoted) from a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
