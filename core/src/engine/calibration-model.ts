/** A logistic confidence model: P(top pair answers) = sigmoid(bias + Σ weight·feature). */
export interface CalibrationModel {
  /** Which embedder's similarity scale it was fitted on. */
  embedder: string;
  /** The margin's floor when no other answer is listed (the search threshold on this scale). */
  floor: number;
  bias: number;
  weights: { top: number; margin: number; overlap: number; align?: number };
}

/**
 * Fitted for `clara-local-v3` (pairs embedded as question + answer; BANKING77's answer is one text
 * per intent, "Answer about <intent>.", as in the `clara eval` CSVs) by `npx tsx bench/retrieval/fit-calibration.ts` on BANKING77 *train*
 * only (23,976 examples, 52% positive): for 3 seeds, 20% of each intent's train questions are queries, and the KB is built from the
 * rest as 1, 3, 10 or all questions per intent, each with a quarter of the intents held out as gaps
 * (equal weight per structure). Weights on `top` and `margin` are constrained to be >= 0 so
 * confidence is monotone in the top similarity. Label: the query is answerable and the top pair
 * gives the expected answer. Refit whenever the embedder changes.
 */
export const localCalibration: CalibrationModel = {
  embedder: 'clara-local-v3',
  floor: 0.5,
  bias: -6.2834,
  weights: { top: 6.9943, margin: 4.5279, overlap: 0, align: 1.583 },
};
