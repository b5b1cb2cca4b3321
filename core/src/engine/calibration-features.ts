import { isStopword, stem, tokenize } from '../embedding/tokenize';
import { wordAlignment } from '../embedding/word-alignment';
import type { QaMatch } from '../schemas/qa-pair';
import type { RankedMatch } from './rerank';

/**
 * The signals the confidence model reads from one search result list. None of them depends on
 * how many phrasings of one answer the knowledge base holds (a typical owner KB has one).
 */
export interface ConfidenceFeatures {
  /** Similarity (cosine) of the top pair. */
  top: number;
  /**
   * The top pair's score minus the best score of a listed pair with a *different* answer, or
   * minus the fixed floor (the search threshold) when no listed pair above it has another answer.
   * Scores are the re-ranking scores (`RankedMatch.score`), else the similarities. Never negative.
   */
  margin: number;
  /** Share of the query's content words (stemmed) that occur in the top pair's question or answer; 0 without a query. */
  overlap: number;
  /** Word-vector alignment of the query with the top pair's question and answer (`RankedMatch.align`); 0 without a query. */
  align: number;
}

/** Names in the order of `featureVector` (and of the fitted weights). */
export const featureNames = ['top', 'margin', 'overlap', 'align'] as const;

/** The margin's floor when no other answer is listed: the engine's search threshold. */
export const marginFloor = 0.5;

const normaliseAnswer = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((w) => !isStopword(w))
    .map(stem);
}

const scoreOf = (m: QaMatch | RankedMatch) => ('score' in m ? m.score : m.similarity);

/** Extracts the features from matches in ranked order (`rankMatches`, or by similarity), best first. */
export function confidenceFeatures(
  matches: readonly (QaMatch | RankedMatch)[],
  query?: string,
  floor = marginFloor,
): ConfidenceFeatures {
  const top = matches[0];
  if (!top) return { top: 0, margin: 0, overlap: 0, align: 0 };
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
  const align =
    'align' in top ? top.align : query ? wordAlignment(query, `${top.question} ${top.answer}`) : 0;
  const next = Math.max(floor, other ? scoreOf(other) : floor);
  return { top: top.similarity, margin: Math.max(0, scoreOf(top) - next), overlap, align };
}

/** The features as an array in `featureNames` order. */
export function featureVector(f: ConfidenceFeatures): number[] {
  return [f.top, f.margin, f.overlap, f.align];
}
