import { categoryKey } from '@clara/core';
import { type ImportMatch, importMatches, type SqlExecutor } from '@clara/supabase';
import type { CsvRowError, QaCsvRow } from './parse-qa-csv';

/** Lower-cased questions already in the workspace, active and retired, with their pairs (`loadExistingQuestions`). */
export interface ExistingQuestions {
  active: ReadonlySet<string>;
  inactive: ReadonlySet<string>;
  /** The pairs by lower-cased question; without them a repeated question is only "already in the knowledge base". */
  pairs?: ReadonlyMap<string, readonly ImportMatch[]> | undefined;
}

/**
 * A row repeating the question of one owner's pair of the knowledge base with another answer or
 * category: what an import may update (`import-updates.ts`) instead of skipping.
 */
export interface ChangedRow {
  row: number;
  id: string;
  /** The pair's question as stored (the row's may differ in case). */
  question: string;
  answer: string;
  category: string;
  /** The pair as the import read it: an update checks nothing changed it since. */
  previous: { answer: string; category: string };
}

/** The skip message of a changed row the import does not update, with how to update it (`hint`). */
export function notUpdatedMessage(c: ChangedRow, hint: string): string {
  const answer = c.answer !== c.previous.answer;
  const category = categoryKey(c.category) !== categoryKey(c.previous.category);
  const what = answer && category ? 'answer and category' : answer ? 'answer' : 'category';
  return `already in the knowledge base with a different ${what}: not updated (${hint})`;
}

/** The changed rows an import does not update, as skipped rows (`notUpdatedMessage`). */
export const notUpdated = (changed: readonly ChangedRow[], hint: string): CsvRowError[] =>
  changed.map((c) => ({ row: c.row, message: notUpdatedMessage(c, hint) }));

/** The workspace's pairs with the rows' questions (case ignored), as `splitDuplicates` compares them. */
export async function loadExistingQuestions(
  sql: SqlExecutor,
  workspaceId: string,
  rows: readonly QaCsvRow[],
): Promise<ExistingQuestions> {
  const matches = await importMatches(
    sql,
    workspaceId,
    rows.map((r) => r.pair.question.toLowerCase()),
  );
  const pairs = new Map<string, ImportMatch[]>();
  for (const m of matches) pairs.set(m.key, [...(pairs.get(m.key) ?? []), m]);
  return {
    active: new Set(matches.filter((m) => m.is_active).map((m) => m.key)),
    inactive: new Set(matches.filter((m) => !m.is_active).map((m) => m.key)),
    pairs,
  };
}

/**
 * An answer as the import compares it: line endings as `\n` and no spaces or tabs at a line's end,
 * which a spreadsheet or editor saving the export may change (`\r\n` inside a quoted answer)
 * without the owner changing the answer.
 */
const comparable = (answer: string): string => answer.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');

/** The same answer, but for line endings and spaces at a line's end (`comparable`). */
export const sameAnswer = (a: string, b: string): boolean => a === b || comparable(a) === comparable(b);

/**
 * A row repeating a pair's question: unchanged (the same answer, and category when the file has a
 * category column; `null`), or changed (`ChangedRow`, when exactly one owner's pair has it), or a
 * row error (a phrasing row, whose answer follows its pair, or a question several pairs hold).
 */
function compare(
  r: QaCsvRow,
  candidates: readonly ImportMatch[],
  hasCategory: boolean,
): ChangedRow | CsvRowError | null {
  const sameCategory = (m: ImportMatch) =>
    !hasCategory || categoryKey(m.category) === categoryKey(r.pair.category);
  if (candidates.some((m) => sameAnswer(m.answer, r.pair.answer) && sameCategory(m))) return null;
  if (r.phrasingOf || candidates.every((m) => m.phrasing))
    return {
      row: r.row,
      message: 'duplicate question: already in the knowledge base (a phrasing takes its pair’s answer)',
    };
  const owners = candidates.filter((m) => !m.phrasing);
  const [pair] = owners;
  if (!pair || owners.length > 1)
    return {
      row: r.row,
      message:
        'duplicate question: already in the knowledge base in several pairs, with other answers: edit it there',
    };
  return {
    row: r.row,
    id: pair.id,
    question: pair.question,
    // A category-only change keeps the stored answer, whatever the file's line endings.
    answer: sameAnswer(pair.answer, r.pair.answer) ? pair.answer : r.pair.answer,
    category: hasCategory ? r.pair.category : pair.category,
    previous: { answer: pair.answer, category: pair.category },
  };
}

/** Why an active row identical to a retired pair is skipped: the owner retired that answer. */
export const inactiveMatchMessage = 'matches an inactive pair: restore it in Knowledge instead';

/**
 * An active owner's row with the question (case ignored) and answer (`sameAnswer`) of a retired
 * owner's pair: importing it again would bring back, as a new active copy, a pair the owner retired.
 */
const matchesRetired = (r: QaCsvRow, candidates: readonly ImportMatch[]): boolean =>
  !r.phrasingOf && candidates.some((m) => !m.is_active && !m.phrasing && sameAnswer(m.answer, r.pair.answer));

/**
 * Splits an import's rows into those to add, the duplicates it skips (same question,
 * case-insensitive) and the changed ones (`changed`: the question of one pair of the knowledge base
 * with another answer or category; the caller updates or skips them). An active row is a duplicate
 * of an earlier active row of the file ("same as row N") or of an active pair ("already in the
 * knowledge base, unchanged" when its answer and category are the pair's); a retired row
 * (`is_active=false`) only of a retired pair (importing the same export twice adds nothing), so an
 * export with a retired answer and its active replacement comes back whole. An active row with
 * the question and answer of a retired pair (and no active pair with its question) is skipped too
 * (`inactiveMatchMessage`): the owner restores the pair instead of the import adding a copy. `hasCategory`: the
 * file has a category column (without one, a row's category is not compared).
 */
export function splitDuplicates(
  rows: readonly QaCsvRow[],
  existing: ExistingQuestions,
  options: { hasCategory?: boolean | undefined } = {},
): { fresh: QaCsvRow[]; errors: CsvRowError[]; changed: ChangedRow[] } {
  const seen = new Map<string, number>();
  const fresh: QaCsvRow[] = [];
  const errors: CsvRowError[] = [];
  const changed: ChangedRow[] = [];
  for (const r of rows) {
    const active = r.active !== false;
    const key = r.pair.question.toLowerCase();
    const first = active ? seen.get(key) : undefined;
    const inactive = active ? '' : ' (inactive)';
    if (first !== undefined) errors.push({ row: r.row, message: `duplicate question: same as row ${first}` });
    else if ((active ? existing.active : existing.inactive).has(key)) {
      const candidates = (existing.pairs?.get(key) ?? []).filter((m) => m.is_active === active);
      const found = existing.pairs ? compare(r, candidates, options.hasCategory ?? true) : undefined;
      if (active) seen.set(key, r.row);
      if (found === undefined)
        errors.push({ row: r.row, message: `duplicate question: already in the knowledge base${inactive}` });
      else if (found === null)
        errors.push({
          row: r.row,
          message: `duplicate question: already in the knowledge base${inactive}, unchanged`,
        });
      else if ('id' in found) changed.push(found);
      else errors.push(found);
    } else {
      if (active) seen.set(key, r.row);
      if (active && matchesRetired(r, existing.pairs?.get(key) ?? []))
        errors.push({ row: r.row, message: inactiveMatchMessage });
      else fresh.push(r);
    }
  }
  return { fresh, errors, changed };
}

/** How many of the rows come in inactive. */
export const countInactive = (rows: readonly QaCsvRow[]): number =>
  rows.filter((r) => r.active === false).length;
