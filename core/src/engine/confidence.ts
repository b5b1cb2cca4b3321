import type { QaMatch } from '../schemas/qa-pair';

/** The seed's chat-engine search threshold: matches at or below it are not considered. */
export const searchThreshold = 0.5;
/** The seed's chat-engine match count. */
export const searchCount = 5;

/**
 * Confidence that the top match answers the question, in [0, 1].
 * For now the top cosine similarity, as the seed defines it.
 */
export function confidenceOf(matches: readonly QaMatch[]): number {
  const top = matches[0];
  if (!top) return 0;
  return Math.min(1, Math.max(0, top.similarity));
}

/** Below the workspace threshold the question is a gap. */
export function isGap(confidence: number, threshold: number): boolean {
  return confidence < threshold;
}
