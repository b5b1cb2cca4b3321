import { createWordReader, type MatchWord } from './word-match';
import type { WordVectors } from './word-vectors';

/**
 * Soft word overlap: for each content word of `a` (weighted by rarity, log(2 + frequency rank)),
 * the best match among the content words of `b` (1 for the same stem, else the cosine of their
 * word vectors, at least 0), averaged. 0 when `a` has no content word. (The engine's re-ranking
 * reads the same matches, spelling-tolerant and pool-weighted, in `engine/pool-features.ts`; this
 * form is kept for the bench's comparison with the previous re-ranker.)
 */
export type WordAligner = (a: string, b: string) => number;

function best(word: MatchWord, words: readonly MatchWord[]): number {
  let top = 0;
  for (const w of words) {
    if (word.stem === w.stem) return 1;
    if (!word.vec || !w.vec) continue;
    let s = 0;
    for (let d = 0; d < word.vec.length; d++) s += (word.vec[d] as number) * (w.vec[d] as number);
    if (s > top) top = s;
  }
  return top;
}

/** Builds a word aligner over the given word vectors (the shipped ones by default). */
export function createWordAligner(vectors?: WordVectors): WordAligner {
  const read = createWordReader(vectors);
  return (aText, bText) => {
    const a = read(aText);
    const b = read(bText);
    let num = 0;
    let den = 0;
    for (const word of a) {
      num += word.rarity * best(word, b);
      den += word.rarity;
    }
    return den > 0 ? num / den : 0;
  };
}

let shared: WordAligner | null = null;

/** The process-wide aligner over the shipped word vectors (loaded on first use). */
export function wordAlignment(a: string, b: string): number {
  shared ??= createWordAligner();
  return shared(a, b);
}
