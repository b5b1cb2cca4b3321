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
 * Fitted for `clara-local-v3` with the re-ranking of `rerank.ts` by `CLASH_W=1 CONF=margin,cover,exact,reverse,kind
 * npx tsx bench/retrieval/explore-kb.ts` (the `all-fit` weights) on owner-style knowledge bases (the four smallbiz-dev businesses
 * and the dental and demo dev sets: 6 businesses, 745 queries, one question per answer, answers of
 * 1–4 sentences, answerable and unanswerable questions). Label: the top pair gives the expected
 * answer. Weights on `top` and `margin` are constrained to be >= 0 (confidence never falls as the
 * match gets better); the fit puts all the weight on the margin and the word coverage. Checked
 * leave-one-business-out and on BANKING77 (bench/retrieval/README.md). Refit when the embedder or
 * the re-ranking changes.
 */
export const localCalibration: CalibrationModel = {
  embedder: 'clara-local-v3',
  floor: 0.1,
  bias: -3.503,
  weights: { top: 0, margin: 8.092, cover: 1.609, exact: 1.536, reverse: 1.427, kind: 0.352 },
};
