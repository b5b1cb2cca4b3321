import type { ExportPair } from '@clara/supabase';
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

/**
 * The knowledge base as the export writes it (the admin's Export CSV and `clara export` alike):
 * a UTF-8 BOM (Excel otherwise reads the file as Windows-1252; the import drops it), then one row
 * per pair, phrasings with the question of their pair in `phrasing_of` (empty for the owner's).
 */
export function knowledgeCsv(rows: readonly ExportPair[]): string {
  return (
    '\uFEFF' +
    toCsv(
      ['question', 'answer', 'category', 'source', 'is_active', 'phrasing_of'],
      rows.map((r) => [r.question, r.answer, r.category, r.source, r.is_active, r.phrasing_of ?? '']),
    )
  );
}
