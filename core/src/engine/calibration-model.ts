/** A logistic confidence model: P(top pair answers) = sigmoid(bias + Σ weight·feature). */
export interface CalibrationModel {
  /** Which embedder's similarity scale it was fitted on. */
  embedder: string;
  bias: number;
  weights: { top: number; margin: number; support: number; overlap: number };
}

/**
 * Fitted for `clara-local-v2` by `npx tsx bench/retrieval/fit-calibration.ts` on BANKING77 *train*
 * only (KB = part of train with a quarter of the intents held out as gaps, queries = the rest of
 * train; 3 seeds × 3 KB settings, 17,982 examples, 72% positive; weights on `top` and `margin`
 * constrained to be >= 0 so confidence is monotone in the top similarity). Label: the query is
 * answerable and the top pair gives the expected answer. Refit whenever the embedder changes.
 */
export const localCalibration: CalibrationModel = {
  embedder: 'clara-local-v2',
  bias: -3.6501,
  weights: { top: 1.0416, margin: 12.3754, support: 3.7053, overlap: 1.3421 },
};
