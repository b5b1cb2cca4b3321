import { isStopword, stem, tokenize } from '../embedding/tokenize';
import type { QaMatch } from '../schemas/qa-pair';

/**
 * The signals the confidence model reads from one search result list. None of them depends on
 * how many phrasings of one answer the knowledge base holds (a typical owner KB has one).
 */
export interface ConfidenceFeatures {
  /** Similarity of the top pair. */
  top: number;
  /**
   * Top similarity minus the best similarity of a listed pair with a *different* answer, or
   * minus the fixed floor (the search threshold) when no listed pair above it has another answer.
   * Never negative.
   */
  margin: number;
  /** Share of the query's content words (stemmed) that occur in the top pair's question or answer; 0 without a query. */
  overlap: number;
}

/** Names in the order of `featureVector` (and of the fitted weights). */
export const featureNames = ['top', 'margin', 'overlap'] as const;

/** The margin's floor when no other answer is listed: the engine's search threshold. */
export const marginFloor = 0.5;

const normaliseAnswer = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((w) => !isStopword(w))
    .map(stem);
}

/** Extracts the features from matches sorted by similarity (highest first). */
export function confidenceFeatures(
  matches: readonly QaMatch[],
  query?: string,
  floor = marginFloor,
): ConfidenceFeatures {
  const top = matches[0];
  if (!top) return { top: 0, margin: 0, overlap: 0 };
  const answer = normaliseAnswer(top.answer);
  const other = matches.find((m) => normaliseAnswer(m.answer) !== answer);
  let overlap = 0;
  if (query) {
    const q = contentStems(query);
    if (q.length > 0) {
      const inTop = new Set([...contentStems(top.question), ...contentStems(top.answer)]);
      overlap = q.filter((w) => inTop.has(w)).length / q.length;
    }
  }
  const next = Math.max(floor, other?.similarity ?? floor);
  return { top: top.similarity, margin: Math.max(0, top.similarity - next), overlap };
}

/** The features as an array in `featureNames` order. */
export function featureVector(f: ConfidenceFeatures): number[] {
  return [f.top, f.margin, f.overlap];
}
