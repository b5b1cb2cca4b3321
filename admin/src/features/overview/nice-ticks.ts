/**
 * Round axis ticks from 0 to at least `max`: a step of 1, 2 or 5 × 10ⁿ giving at most `count`
 * intervals, so a maximum of 25 reads 0, 10, 20, 30 rather than 0, 13, 25.
 */
export function niceTicks(max: number, count = 4): number[] {
  const top = Math.max(1, Math.ceil(max));
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}
