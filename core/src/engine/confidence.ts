import type { QaMatch } from '../schemas/qa-pair';
import { type ConfidenceFeatures, confidenceFeatures } from './calibration-features';
import { type CalibrationModel, localCalibration } from './calibration-model';
import type { RankedMatch } from './rerank';

/** The chat-engine search threshold: matches at or below it are not considered. */
export const searchThreshold = 0.5;
/** The seed's chat-engine match count. */
export const searchCount = 5;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Applies a fitted logistic model to the features; monotone non-decreasing in `top` (weights on top and margin are >= 0). */
export function calibratedProbability(
  f: ConfidenceFeatures,
  model: CalibrationModel = localCalibration,
): number {
  const w = model.weights;
  const z =
    model.bias + w.top * f.top + w.margin * f.margin + w.overlap * f.overlap + (w.align ?? 0) * f.align;
  return Math.min(1, Math.max(0, sigmoid(z)));
}

/**
 * Confidence that the top match answers the question: a calibrated probability in [0, 1]
 * from the top similarity, the margin to the next *different* answer (or to the search threshold
 * when none is listed) and (when `query` is given) the word overlap and word-vector alignment of
 * the query with the top pair. It does not depend on how many phrasings of the answer the
 * knowledge base holds. `matches` in the engine's order: `rankMatches(candidates, query, searchThreshold)`.
 */
export function confidenceOf(
  matches: readonly (QaMatch | RankedMatch)[],
  query?: string,
  model: CalibrationModel = localCalibration,
): number {
  if (matches.length === 0) return 0;
  return calibratedProbability(confidenceFeatures(matches, query, model.floor), model);
}

/** Below the workspace threshold the question is a gap. */
export function isGap(confidence: number, threshold: number): boolean {
  return confidence < threshold;
}
