import type { CsvRowError, QaCsvRow } from './parse-qa-csv';

/** Lower-cased questions already in the workspace, active and retired (`questionSets`). */
export interface ExistingQuestions {
  active: ReadonlySet<string>;
  inactive: ReadonlySet<string>;
}

/**
 * Splits an import's rows into those to add and the duplicates it skips (same question,
 * case-insensitive), for the admin import and `clara import` alike. An active row is a duplicate
 * of an earlier active row of the file ("same as row N") or of an active pair; a retired row
 * (`is_active=false`) only of a retired pair (importing the same export twice adds nothing), so an
 * export with a retired answer and its active replacement comes back whole.
 */
export function splitDuplicates(
  rows: readonly QaCsvRow[],
  existing: ExistingQuestions,
): { fresh: QaCsvRow[]; errors: CsvRowError[] } {
  const seen = new Map<string, number>();
  const fresh: QaCsvRow[] = [];
  const errors: CsvRowError[] = [];
  for (const r of rows) {
    const active = r.active !== false;
    const key = r.pair.question.toLowerCase();
    const first = active ? seen.get(key) : undefined;
    if (first !== undefined) errors.push({ row: r.row, message: `duplicate question: same as row ${first}` });
    else if ((active ? existing.active : existing.inactive).has(key))
      errors.push({
        row: r.row,
        message: `duplicate question: already in the knowledge base${active ? '' : ' (inactive)'}`,
      });
    else {
      if (active) seen.set(key, r.row);
      fresh.push(r);
    }
  }
  return { fresh, errors };
}

/** How many of the rows come in inactive. */
export const countInactive = (rows: readonly QaCsvRow[]): number =>
  rows.filter((r) => r.active === false).length;
