import { isStopword, stem, tokenize } from '../embedding/tokenize';
import type { QaMatch } from '../schemas/qa-pair';

/** The signals the confidence model reads from one search result list. */
export interface ConfidenceFeatures {
  /** Similarity of the top pair. */
  top: number;
  /**
   * Top similarity minus the best similarity of a listed pair with a different answer; when every
   * listed pair gives the same answer, minus the lowest listed similarity (a lower bound).
   */
  margin: number;
  /** Share of the listed pairs (up to 5) that give the top pair's answer. */
  support: number;
  /** Share of the query's content words (stemmed) that occur in the top pair's question; 0 without a query. */
  overlap: number;
}

/** Names in the order of `featureVector` (and of the fitted weights). */
export const featureNames = ['top', 'margin', 'support', 'overlap'] as const;

const normaliseAnswer = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((w) => !isStopword(w))
    .map(stem);
}

/** Extracts the features from matches sorted by similarity (highest first). */
export function confidenceFeatures(matches: readonly QaMatch[], query?: string): ConfidenceFeatures {
  const top = matches[0];
  if (!top) return { top: 0, margin: 0, support: 0, overlap: 0 };
  const answer = normaliseAnswer(top.answer);
  const other = matches.find((m) => normaliseAnswer(m.answer) !== answer);
  const listed = matches.slice(0, 5);
  const support = listed.filter((m) => normaliseAnswer(m.answer) === answer).length / 5;
  let overlap = 0;
  if (query) {
    const q = contentStems(query);
    if (q.length > 0) {
      const inTop = new Set(contentStems(top.question));
      overlap = q.filter((w) => inTop.has(w)).length / q.length;
    }
  }
  const floor = other ? other.similarity : Math.min(...listed.map((m) => m.similarity));
  return { top: top.similarity, margin: top.similarity - floor, support, overlap };
}

/** The features as an array in `featureNames` order. */
export function featureVector(f: ConfidenceFeatures): number[] {
  return [f.top, f.margin, f.support, f.overlap];
}
