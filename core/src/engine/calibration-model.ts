/** A logistic confidence model: P(top pair answers) = sigmoid(bias + Σ weight·feature). */
export interface CalibrationModel {
  /** Which embedder's similarity scale it was fitted on. */
  embedder: string;
  /** The margin's floor when no other answer is listed (the search floor on this scale). */
  floor: number;
  bias: number;
  weights: { top: number; margin: number; cover: number; exact: number; reverse: number; kind: number };
}

/**
 * Fitted for `clara-local-v3` with the re-ranking of `rerank.ts` (word matches read through the
 * lexicon, `embedding/lexicon.ts`) by `TRAIN=all npx tsx bench/retrieval/fit-confidence.ts` (the
 * `all-fit` weights) on sixteen owner-style knowledge bases: the four smallbiz-dev businesses, the
 * dental and demo dev sets and the ten training businesses of bench/retrieval/train-kb (2,393
 * queries, one question per answer, answers of 1–4 sentences, answerable and unanswerable
 * questions). Label: the top pair gives the expected answer. Weights on `top` and `margin` are
 * constrained to be >= 0 (confidence never falls as the match gets better). Checked
 * leave-one-business-out and on BANKING77 (bench/retrieval/README.md). Refit when the embedder or
 * the re-ranking changes.
 */
export const localCalibration: CalibrationModel = {
  embedder: 'clara-local-v3',
  floor: 0.1,
  bias: -4.131,
  weights: { top: 0, margin: 6.266, cover: 2.939, exact: 1.161, reverse: 1.928, kind: 0.121 },
};
