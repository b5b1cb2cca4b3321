/** Logistic regression for the confidence fits (bench scripts only; the shipped model is its output). */

export interface LogisticModel {
  bias: number;
  w: number[];
}

/**
 * Logistic regression by gradient descent on standardised features, with an L2 penalty;
 * weights listed in `nonNegative` are clipped at 0 (the confidence must not fall as a
 * feature that signals a match rises). Returns weights on the raw feature scale.
 */
export function fitLogistic(
  x: number[][],
  y: number[],
  nonNegative: readonly number[],
  l2 = 1e-3,
  iters = 3000,
  lr = 0.5,
): LogisticModel {
  const d = x[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((a, r) => a + (r[j] ?? 0), 0) / x.length);
  const sd = Array.from(
    { length: d },
    (_, j) => Math.sqrt(x.reduce((a, r) => a + ((r[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / x.length) || 1,
  );
  const z = x.map((r) => r.map((v, j) => (v - (mean[j] ?? 0)) / (sd[j] ?? 1)));
  const clipped = new Set(nonNegative);
  let b = 0;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iters; it++) {
    let gb = 0;
    const gw = new Array<number>(d).fill(0);
    for (let i = 0; i < z.length; i++) {
      const r = z[i] as number[];
      let s = b;
      for (let j = 0; j < d; j++) s += (r[j] as number) * (w[j] as number);
      const e = 1 / (1 + Math.exp(-s)) - (y[i] ?? 0);
      gb += e;
      for (let j = 0; j < d; j++) gw[j] = (gw[j] as number) + e * (r[j] as number);
    }
    b -= (lr * gb) / z.length;
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] ?? 0) - lr * ((gw[j] ?? 0) / z.length + l2 * (w[j] ?? 0));
      if (clipped.has(j)) w[j] = Math.max(0, w[j] ?? 0);
    }
  }
  const raw = w.map((v, j) => v / (sd[j] ?? 1));
  return { bias: b - raw.reduce((a, v, j) => a + v * (mean[j] ?? 0), 0), w: raw };
}
