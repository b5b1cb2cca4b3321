import { type ConfidenceFeatures, confidenceFeatures } from './calibration-features';
import { type CalibrationModel, localCalibration } from './calibration-model';
import type { RankedMatch } from './rerank';

/**
 * The engine's search floor on the local embedder's scale: candidates at or below it are not
 * considered. (The seed's 0.5 is OpenAI's scale; on the local one right matches of paraphrases
 * sit at 0.2–0.5, so the floor only keeps out pairs that share nothing with the question.)
 */
export const searchThreshold = 0.1;
/** The seed's chat-engine match count. */
export const searchCount = 5;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Applies a fitted logistic model to the features; monotone non-decreasing in `top` and `margin`. */
export function calibratedProbability(
  f: ConfidenceFeatures,
  model: CalibrationModel = localCalibration,
): number {
  const w = model.weights;
  const z =
    model.bias +
    w.top * f.top +
    w.margin * f.margin +
    w.cover * f.cover +
    w.exact * f.exact +
    w.reverse * f.reverse +
    w.kind * f.kind;
  return Math.min(1, Math.max(0, sigmoid(z)));
}

/**
 * Confidence that the top match answers the question: a calibrated probability in [0, 1] from
 * the margin of the top pair over the next different answer and how well the pair covers the
 * question's words (and its question words are covered by the query). `matches` in the engine's
 * order: `rankMatches(candidates, query, searchThreshold)`.
 */
export function confidenceOf(
  matches: readonly RankedMatch[],
  model: CalibrationModel = localCalibration,
): number {
  if (matches.length === 0) return 0;
  return calibratedProbability(confidenceFeatures(matches, model.floor), model);
}

/** Below the workspace threshold the question is a gap. */
export function isGap(confidence: number, threshold: number): boolean {
  return confidence < threshold;
}
