import { type RankedMatch, rankWeights } from './rerank';

/** The signals the confidence model reads from one re-ranked result list. */
export interface ConfidenceFeatures {
  /** Re-ranking score of the top pair. */
  top: number;
  /**
   * The top pair's score minus the best score of a listed pair with a *different* answer, or its
   * similarity minus the floor when no listed pair has another answer. Never negative; it does not depend on how
   * many phrasings of one answer the knowledge base holds. A competitor's closed-class clash
   * penalty is not counted here: the pair it put down still shows the question may be about it.
   */
  margin: number;
  /** The top pair's pool-weighted coverage of the query's words (`RankedMatch.cover`). */
  cover: number;
  /** The same, exact matches only. */
  exact: number;
  /** Coverage of the top pair's question words by the query. */
  reverse: number;
  /** The top pair's answer-type match (`RankedMatch.kind`). */
  kind: number;
}

/** Names in the order of `featureVector` (and of the fitted weights). */
export const featureNames = ['top', 'margin', 'cover', 'exact', 'reverse', 'kind'] as const;

const normaliseAnswer = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Extracts the features from matches in ranked order (`rankMatches`), best first. */
export function confidenceFeatures(matches: readonly RankedMatch[], floor: number): ConfidenceFeatures {
  const top = matches[0];
  if (!top) return { top: 0, margin: 0, cover: 0, exact: 0, reverse: 0, kind: 0 };
  const answer = normaliseAnswer(top.answer);
  // The best competitor by its score before any clash penalty (the list is ordered after it).
  let best: number | null = null;
  for (const m of matches) {
    if (normaliseAnswer(m.answer) === answer) continue;
    const raw = m.score + rankWeights.clash * m.clash;
    if (best === null || raw > best) best = raw;
  }
  // Without another answer listed, the competitor is anything at the floor with the same word
  // signals: only the similarity counts towards the margin (a lone weak candidate stays weak).
  const next = best ?? floor + (top.score + rankWeights.clash * top.clash - top.similarity);
  return {
    top: top.score,
    margin: Math.max(0, top.score - next),
    cover: top.cover,
    exact: top.exact,
    reverse: top.reverse,
    kind: top.kind,
  };
}

/** The features as an array in `featureNames` order. */
export function featureVector(f: ConfidenceFeatures): number[] {
  return [f.top, f.margin, f.cover, f.exact, f.reverse, f.kind];
}
