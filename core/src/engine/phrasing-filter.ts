import { isStopword, stem, tokenize } from '../embedding/tokenize';
import type { QaMatch } from '../schemas/qa-pair';

/**
 * How much of each wording the other must hold (content words, stemmed) for a phrasing to count.
 * A phrasing is a visitor's own wording, chatty and full of other topics' words ("can you
 * microchip my cat while she's in for her spay"): as evidence for questions that only share its
 * topic it crowded the candidates and pulled answers away (bench/retrieval/learn-from-visitors.ts).
 */
export const phrasingOverlap = 0.6;

const contentStems = (text: string) =>
  new Set(
    tokenize(text)
      .filter((w) => !isStopword(w))
      .map(stem),
  );

/** The smaller of the two shares of content words that the wordings have in common, in [0, 1]. */
export function wordingOverlap(a: string, b: string): number {
  const x = contentStems(a);
  const y = contentStems(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return Math.min(shared / x.size, shared / y.size);
}

/**
 * The candidates to rank: the owner's pairs, and a phrasing only when the question repeats its
 * wording (most words in common both ways), so a kept wording answers when asked again, and never
 * one whose pair is archived (`null` target: its answer was retired); up to `count`, in search order.
 */
export function usableCandidates<M extends QaMatch>(
  found: readonly M[],
  phrasings: ReadonlyMap<string, unknown>,
  question: string,
  count: number,
): M[] {
  return found
    .filter(
      (m) =>
        !phrasings.has(m.id) ||
        (phrasings.get(m.id) != null && wordingOverlap(question, m.question) >= phrasingOverlap),
    )
    .slice(0, count);
}
