import { insertQaPairs, type NewQaPair, pairsNamedByQuestion, type SqlExecutor } from '@clara/supabase';
import type { CsvRowError, QaCsvRow } from './parse-qa-csv';

/** An import row to save; a phrasing row knows its pair: a row of the file or a pair of the knowledge base. */
export type ImportRow = QaCsvRow & { parent?: { row: number } | { id: string } | undefined };

/**
 * Finds the pair each `phrasing_of` row phrases, by question (case ignored): an owner's row the
 * import adds (an active one first), else an owner's pair of the knowledge base (active first).
 * A phrasing takes its pair's answer and category (it holds a copy of them, as a wording linked
 * in the gap inbox does) and is saved after the owner's rows, so its pair has an id by then.
 * A row naming no such pair is refused with a row error.
 */
export async function resolvePhrasings(
  sql: SqlExecutor,
  workspaceId: string,
  fresh: readonly QaCsvRow[],
): Promise<{ rows: ImportRow[]; errors: CsvRowError[] }> {
  const owners = fresh.filter((r) => !r.phrasingOf);
  const phrasings = fresh.filter((r) => r.phrasingOf);
  if (phrasings.length === 0) return { rows: [...fresh], errors: [] };
  const inFile = new Map<string, QaCsvRow>();
  for (const r of [...owners].sort((a, b) => Number(b.active !== false) - Number(a.active !== false))) {
    const key = r.pair.question.toLowerCase();
    if (!inFile.has(key)) inFile.set(key, r);
  }
  const named = phrasings.map((r) => (r.phrasingOf as string).toLowerCase()).filter((q) => !inFile.has(q));
  const inBase = new Map<string, { id: string; answer: string; category: string }>();
  for (const p of await pairsNamedByQuestion(sql, workspaceId, named)) {
    if (!inBase.has(p.question.toLowerCase())) inBase.set(p.question.toLowerCase(), p);
  }
  const rows: ImportRow[] = [...owners];
  const errors: CsvRowError[] = [];
  for (const r of phrasings) {
    const key = (r.phrasingOf as string).toLowerCase();
    const fileParent = inFile.get(key);
    const baseParent = inBase.get(key);
    const parent = fileParent
      ? { ...fileParent.pair, ref: { row: fileParent.row } }
      : baseParent && { ...baseParent, ref: { id: baseParent.id } };
    if (!parent) {
      errors.push({
        row: r.row,
        message: `phrasing_of: no pair has the question “${r.phrasingOf}” in this file or the knowledge base`,
      });
      continue;
    }
    rows.push({
      ...r,
      pair: { ...r.pair, answer: parent.answer, category: parent.category },
      parent: parent.ref,
    });
  }
  return { rows, errors };
}

/**
 * The metadata linking a saved phrasing row to its pair (`phrasing_of`), given the ids of the rows
 * saved so far; nothing for an owner's row.
 */
export function phrasingMetadata(
  row: ImportRow,
  idsByRow: ReadonlyMap<number, string>,
): Record<string, string> {
  if (!row.parent) return {};
  const id = 'id' in row.parent ? row.parent.id : idsByRow.get(row.parent.row);
  if (!id) throw new Error(`the pair of row ${row.row} was not saved before it`);
  return { phrasing_of: id };
}

/**
 * Saves one chunk of an import (`pairs[i]` made from `rows[i]`): its owner's rows first, then its
 * phrasings linked to their pairs (`phrasingMetadata`); `idsByRow` gathers the saved ids.
 */
export async function saveImportChunk(
  tx: SqlExecutor,
  workspaceId: string,
  rows: readonly ImportRow[],
  pairs: readonly NewQaPair[],
  idsByRow: Map<number, string>,
  options: { createdAt?: Date | undefined } = {},
): Promise<void> {
  for (const phrasings of [false, true]) {
    const chosen = rows.flatMap((r, i) =>
      Boolean(r.parent) === phrasings ? [{ r, p: pairs[i] as NewQaPair }] : [],
    );
    const ids = await insertQaPairs(
      tx,
      workspaceId,
      chosen.map(({ r, p }) => ({ ...p, metadata: { ...p.metadata, ...phrasingMetadata(r, idsByRow) } })),
      options,
    );
    for (const [j, { r }] of chosen.entries()) idsByRow.set(r.row, ids[j] as string);
  }
}
