import { questionKey } from '@clara/core';
import {
  insertPhrasingsOfLivePairs,
  insertQaPairs,
  lockImportParents,
  type NewQaPair,
  pairsNamedByQuestion,
  type SqlExecutor,
} from '@clara/supabase';
import { ParentsMoved } from './import-parents';
import type { CsvRowError, QaCsvRow } from './parse-qa-csv';

/** An import row to save; a phrasing row knows its pair: a row of the file or a pair of the knowledge base. */
export type ImportRow = QaCsvRow & { parent?: { row: number } | { id: string } | undefined };

/**
 * The candidates named by `wording` among those with its question's key (active first): the one
 * with that exact wording (case ignored), and the first with its key; a wording with no key (only
 * punctuation) names only its exact wording.
 */
function named<T extends { question: string }>(
  byKey: ReadonlyMap<string, T[]>,
  wording: string,
): { exact: T | undefined; same: T | undefined } {
  const key = questionKey(wording);
  const candidates = byKey.get(key) ?? [];
  const lower = wording.toLowerCase();
  return {
    exact: candidates.find((c) => c.question.toLowerCase() === lower),
    same: key ? candidates[0] : undefined,
  };
}

/** Groups items by their question's key, in the order given. */
function byQuestionKey<T>(items: readonly T[], question: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = questionKey(question(item));
    map.set(key, [...(map.get(key) ?? []), item]);
  }
  return map;
}

/**
 * Finds the pair each `phrasing_of` row phrases, by question (the same `questionKey`, as the gap
 * inbox reads "the same question": case, accents, punctuation, plurals), compared in the app's
 * form on both sides whatever the database's locale: the exact wording (case ignored) before
 * another of the same question, and an owner's row the import adds before an owner's pair of the
 * knowledge base (active first in each). A phrasing takes its pair's answer and category (it
 * holds a copy of them, as a wording linked in the gap inbox does) and is saved after the owner's
 * rows, so its pair has an id by then. A row naming no such pair is refused with a row error.
 */
export async function resolvePhrasings(
  sql: SqlExecutor,
  workspaceId: string,
  fresh: readonly QaCsvRow[],
): Promise<{ rows: ImportRow[]; errors: CsvRowError[] }> {
  const owners = fresh.filter((r) => !r.phrasingOf);
  const phrasings = fresh.filter((r) => r.phrasingOf);
  if (phrasings.length === 0) return { rows: [...fresh], errors: [] };
  const activeFirst = [...owners].sort((a, b) => Number(b.active !== false) - Number(a.active !== false));
  const inFile = byQuestionKey(
    activeFirst.map((r) => ({ ...r, question: r.pair.question })),
    (r) => r.question,
  );
  const notExactInFile = phrasings
    .map((r) => r.phrasingOf as string)
    .filter((wording) => !named(inFile, wording).exact);
  const inBase = byQuestionKey(
    await pairsNamedByQuestion(sql, workspaceId, notExactInFile),
    (p) => p.question,
  );
  const rows: ImportRow[] = [...owners];
  const errors: CsvRowError[] = [];
  for (const r of phrasings) {
    const file = named(inFile, r.phrasingOf as string);
    const base = named(inBase, r.phrasingOf as string);
    // The exact wording first (this file's, then the knowledge base's), then the same question.
    const fileParent = file.exact ?? (base.exact ? undefined : file.same);
    const baseParent = base.exact ?? base.same;
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
 * The chunk's phrasing rows as their pairs are now (read and locked in the transaction): each takes
 * its pair's category; a row whose pair's answer is no longer the one it was embedded with is
 * refused (`ParentsMoved`: the caller embeds it again, `saveFollowingParents`).
 */
async function followParents(
  tx: SqlExecutor,
  workspaceId: string,
  chosen: readonly { r: ImportRow; p: NewQaPair }[],
  idsByRow: ReadonlyMap<number, string>,
): Promise<{ r: ImportRow; p: NewQaPair }[]> {
  const ids = chosen.map(({ r }) => phrasingMetadata(r, idsByRow).phrasing_of as string);
  const parents = await lockImportParents(tx, workspaceId, ids);
  const moved = new Map<number, { answer: string; category: string }>();
  const rows = chosen.map(({ r, p }, i) => {
    const parent = parents.get((ids[i] as string).toLowerCase());
    if (!parent) return { r, p };
    if (parent.answer !== p.answer) moved.set(r.row, { answer: parent.answer, category: parent.category });
    return { r, p: { ...p, category: parent.category } };
  });
  if (moved.size > 0) throw new ParentsMoved(moved);
  return rows;
}

/** The row error of a phrasing row whose pair was deleted after the file was read. */
export function parentGoneError(row: ImportRow): CsvRowError {
  return {
    row: row.row,
    message: `phrasing_of: the pair “${row.phrasingOf}” was deleted while the file was imported: not saved`,
  };
}

/**
 * Saves one chunk of an import (`pairs[i]` made from `rows[i]`): its owner's rows first, then its
 * phrasings linked to their pairs (`phrasingMetadata`), each with its pair's answer and category
 * as they are now (`followParents`), and only while its pair exists (checked and locked by the
 * insert itself, `insertPhrasingsOfLivePairs`); `idsByRow` gathers the saved ids. Returns the
 * phrasing rows left out because their pair was deleted since the file was read.
 */
export async function saveImportChunk(
  tx: SqlExecutor,
  workspaceId: string,
  rows: readonly ImportRow[],
  pairs: readonly NewQaPair[],
  idsByRow: Map<number, string>,
  options: { createdAt?: Date | undefined } = {},
): Promise<ImportRow[]> {
  const owners = rows.flatMap((r, i) => (r.parent ? [] : [{ r, p: pairs[i] as NewQaPair }]));
  const ownerIds = await insertQaPairs(
    tx,
    workspaceId,
    owners.map(({ p }) => p),
    options,
  );
  for (const [j, { r }] of owners.entries()) idsByRow.set(r.row, ownerIds[j] as string);
  const mine = rows.flatMap((r, i) => (r.parent ? [{ r, p: pairs[i] as NewQaPair }] : []));
  const chosen = await followParents(tx, workspaceId, mine, idsByRow);
  const ids = await insertPhrasingsOfLivePairs(
    tx,
    workspaceId,
    chosen.map(({ r, p }) => ({ ...p, parentId: phrasingMetadata(r, idsByRow).phrasing_of as string })),
    options,
  );
  const gone: ImportRow[] = [];
  for (const [j, { r }] of chosen.entries()) {
    const id = ids[j];
    if (id) idsByRow.set(r.row, id);
    else gone.push(r);
  }
  return gone;
}
