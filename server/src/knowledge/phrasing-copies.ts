import { ClaraError, type Embedder, embedPairs } from '@clara/core';
import { type PhrasingCopy, phrasingsOf, type SqlExecutor, updatePair } from '@clara/supabase';

/** What an edit of a pair changes that its phrasings hold a copy of. */
export interface CopiedChanges {
  answer?: string | undefined;
  category?: string | undefined;
}

/**
 * The new stored vectors of the phrasings, each its own question mixed with `answer` (`embedPairs`),
 * by question text (a stored vector depends on nothing else).
 */
export async function embedPhrasings(
  embedder: Embedder,
  phrasings: readonly PhrasingCopy[],
  answer: string,
): Promise<Map<string, Float32Array>> {
  const vectors = await embedPairs(
    embedder,
    phrasings.map((p) => ({ question: p.question, answer })),
  );
  return new Map(phrasings.map((p, i) => [p.question, vectors[i] as Float32Array]));
}

/**
 * Inside the edit's transaction: writes the pair's new answer and category to every phrasing of
 * it (the visitors' wordings kept from the gap inbox answer with their own copy), re-embedding
 * them when the answer changed (a stored vector mixes question and answer) with `vectors`, by
 * question text, made before the transaction (`embedPhrasings`, or any map of question + new
 * answer vectors). `conflict` when a phrasing was added or reworded since. Returns how many
 * phrasings were rewritten.
 */
export async function carryToPhrasings(
  tx: SqlExecutor,
  workspaceId: string,
  pairId: string,
  changes: CopiedChanges,
  embedded: { vectors: ReadonlyMap<string, Float32Array>; model: string } | undefined,
): Promise<number> {
  if (changes.answer === undefined && changes.category === undefined) return 0;
  const phrasings = await phrasingsOf(tx, workspaceId, pairId, { forUpdate: true });
  for (const p of phrasings) {
    const made = embedded?.vectors.get(p.question);
    if (changes.answer !== undefined && made === undefined) {
      throw new ClaraError('conflict', 'This Q&A pair changed while you edited it; reload and try again.');
    }
    await updatePair(tx, workspaceId, p.id, {
      answer: changes.answer,
      category: changes.category,
      embedding:
        made && changes.answer !== undefined ? { vector: made, model: embedded?.model ?? '' } : undefined,
    });
  }
  return phrasings.length;
}
