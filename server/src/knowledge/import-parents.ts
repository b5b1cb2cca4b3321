import { type Embedder, embedPairs } from '@clara/core';
import type { NewQaPair } from '@clara/supabase';
import type { ImportRow } from './import-phrasings';

/** A phrasing row's pair as it is in the database (its answer and category), by the row's number. */
export type MovedParents = ReadonlyMap<number, { answer: string; category: string }>;

/**
 * Thrown inside an import's writing transaction (rolling it back) when a phrasing row's pair no
 * longer holds the answer the row was embedded with: the owner edited it while the import ran.
 */
export class ParentsMoved extends Error {
  constructor(readonly moved: MovedParents) {
    super('the pairs of some phrasing rows changed while the import ran');
  }
}

// An owner would have to edit a pair of the file's phrasings during each of these.
const maxAttempts = 5;

/**
 * Runs `save` (one transaction writing `rows`, `pairs[i]` made from `rows[i]`) until no phrasing
 * row's pair moved under it (`ParentsMoved`): each time the moved rows take their pair's answer and
 * category as the database holds them and are embedded again (their question with that answer,
 * as every phrasing), outside the transaction.
 */
export async function saveFollowingParents<T>(
  embedder: Embedder,
  rows: ImportRow[],
  pairs: NewQaPair[],
  save: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await save();
    } catch (error) {
      if (!(error instanceof ParentsMoved) || attempt >= maxAttempts) throw error;
      await follow(embedder, rows, pairs, error.moved);
    }
  }
}

async function follow(embedder: Embedder, rows: ImportRow[], pairs: NewQaPair[], moved: MovedParents) {
  const at = rows.flatMap((r, i) => (moved.has(r.row) ? [i] : []));
  for (const i of at) {
    const row = rows[i] as ImportRow;
    const parent = moved.get(row.row) as { answer: string; category: string };
    rows[i] = { ...row, pair: { ...row.pair, answer: parent.answer, category: parent.category } };
  }
  const vectors = await embedPairs(
    embedder,
    at.map((i) => (rows[i] as ImportRow).pair),
  );
  at.forEach((i, j) => {
    const embedding = vectors[j];
    if (!embedding) throw new Error('embedder returned fewer vectors than texts');
    const { answer, category } = (rows[i] as ImportRow).pair;
    pairs[i] = { ...(pairs[i] as NewQaPair), answer, category, embedding };
  });
}
