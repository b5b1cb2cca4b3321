import { wordAlignment } from '../embedding/word-alignment';
import type { QaMatch } from '../schemas/qa-pair';

/** How many candidates above the search threshold are re-ranked (the default search: 5 matches + 3 chips + 1). */
export const rerankPool = 9;
/** Weight of the word alignment in the re-ranking score: similarity + weight × alignment (fitted on BANKING77 train). */
export const rerankWeight = 0.4;

/** A match with its re-ranking score and the query's word alignment with its question and answer. */
export interface RankedMatch extends QaMatch {
  /** similarity + rerankWeight × align. */
  score: number;
  /** Soft overlap of the query's content words with the pair's question and answer (word vectors), in [0, 1]. */
  align: number;
}

/**
 * Re-ranks search results (sorted by similarity) with a cheap cross feature: the first
 * `rerankPool` matches above `floor` are ordered by similarity + 0.4 × the word alignment of the
 * query with the pair's question and answer (each query word's best match by word vector,
 * weighted by rarity). BANKING77 train top-1 0.706 → 0.718; `similarity` stays the cosine.
 */
export function rankMatches(
  matches: readonly QaMatch[],
  query: string,
  floor: number,
  align: (query: string, text: string) => number = wordAlignment,
): RankedMatch[] {
  return matches
    .filter((m) => m.similarity > floor)
    .slice(0, rerankPool)
    .map((m) => {
      const a =
        'align' in m && typeof m.align === 'number' ? m.align : align(query, `${m.question} ${m.answer}`);
      return { ...m, align: a, score: m.similarity + rerankWeight * a };
    })
    .sort((x, y) => y.score - x.score);
}
