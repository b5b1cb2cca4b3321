/** Pure retrieval and calibration metrics, shared by `clara eval` and the BANKING77 bench. */

/** One evaluated query: the labels of the ranked results, the expected label (null = gap), and the engine's confidence. */
export interface QueryOutcome {
  ranked: readonly string[];
  expected: string | null;
  confidence: number;
  /** The engine's gap decision when known; otherwise a gap is `confidence < threshold`. */
  gap?: boolean;
  latencyMs?: number;
}

/** Summary figures of one evaluation run (the `clara eval` summary, plus the answered rate). */

export interface RetrievalSummary {
  n: number;
  top1_accuracy: number;
  recall_at_5: number;
  mrr: number;
  gap_precision: number;
  gap_recall: number;
  gap_f1: number;
  /** Share of all queries answered (confidence >= threshold), and the share of those answered correctly. */
  answered_rate: number;
  answered_accuracy: number;
  latency_ms: { p50: number; p95: number };
}

/** Percentile by nearest rank (p in [0, 100]). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Rank-based metrics on answerable queries, gap metrics on all (gap = the engine's decision, or confidence < threshold). */
export function summarise(outcomes: readonly QueryOutcome[], threshold: number): RetrievalSummary {
  const answerable = outcomes.filter((o) => o.expected !== null);
  let top1 = 0;
  let r5 = 0;
  let rr = 0;
  for (const o of answerable) {
    const rank = o.ranked.indexOf(o.expected as string);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  let answered = 0;
  let answeredOk = 0;
  const isGap = (o: QueryOutcome) => o.gap ?? o.confidence < threshold;
  for (const o of outcomes) {
    if (isGap(o)) continue;
    answered++;
    if (o.expected !== null && o.ranked[0] === o.expected) answeredOk++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const o of outcomes) {
    const predicted = isGap(o);
    const actual = o.expected === null;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const latencies = outcomes.map((o) => o.latencyMs ?? 0);
  const n = answerable.length || 1;
  return {
    n: outcomes.length,
    top1_accuracy: top1 / n,
    recall_at_5: r5 / n,
    mrr: rr / n,
    gap_precision: precision,
    gap_recall: recall,
    gap_f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    answered_rate: outcomes.length ? answered / outcomes.length : 0,
    answered_accuracy: answered ? answeredOk / answered : 0,
    latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
  };
}

/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Equal-width reliability bins and expected calibration error for (confidence, correct) pairs. */
export function calibration(
  points: readonly { confidence: number; correct: boolean }[],
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    count: 0,
    meanConfidence: 0,
    accuracy: 0,
  }));
  for (const p of points) {
    const b = out[Math.min(bins - 1, Math.floor(p.confidence * bins))] as ReliabilityBin;
    b.count++;
    b.meanConfidence += p.confidence;
    b.accuracy += p.correct ? 1 : 0;
  }
  let ece = 0;
  for (const b of out) {
    if (b.count === 0) continue;
    b.meanConfidence /= b.count;
    b.accuracy /= b.count;
    ece += (b.count / points.length) * Math.abs(b.accuracy - b.meanConfidence);
  }
  return { ece, bins: out };
}
