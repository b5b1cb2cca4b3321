/**
 * The embedded search's scan as it was before issue 18 #3's fix (row-major matrix, the query's
 * non-zero dimensions read from every 6 KB row): the baseline `pair-edit` measures beside today's.
 */
import type { WorkspaceVectors } from '@clara/supabase';

/** Row-major and dimension-major (today's layout) unit rows of `rows` vectors, from `vectorOf(row)`. */
export function packBoth(
  rows: number,
  dimensions: number,
  vectorOf: (row: number) => Float32Array,
): { rowMajor: Float32Array; columns: WorkspaceVectors } {
  const rowMajor = new Float32Array(rows * dimensions);
  const matrix = new Float32Array(rows * dimensions);
  for (let r = 0; r < rows; r++) {
    const v = vectorOf(r);
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += (v[i] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < dimensions; i++) {
      rowMajor[r * dimensions + i] = (v[i] ?? 0) / norm;
      matrix[i * rows + r] = (v[i] ?? 0) / norm;
    }
  }
  const ids = Array.from({ length: rows }, (_, r) => String(r));
  return { rowMajor, columns: { version: 0, ids, dimensions, capacity: rows, matrix } };
}

/** Top `count` row numbers by cosine, as the old `topMatches` computed them. */
export function rowMajorTop(matrix: Float32Array, d: number, query: Float32Array, count: number): number[] {
  const rows = matrix.length / d;
  let qNorm = 0;
  for (let i = 0; i < d; i++) qNorm += (query[i] ?? 0) ** 2;
  qNorm = Math.sqrt(qNorm) || 1;
  const nz: number[] = [];
  for (let i = 0; i < d; i++) if (query[i] !== 0) nz.push(i);
  const idx = Int32Array.from(nz);
  const qv = Float32Array.from(nz, (i) => query[i] as number);
  const n = idx.length;
  const best: { r: number; s: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += (matrix[o + (idx[k] as number)] as number) * (qv[k] as number);
      s1 += (matrix[o + (idx[k + 1] as number)] as number) * (qv[k + 1] as number);
      s2 += (matrix[o + (idx[k + 2] as number)] as number) * (qv[k + 2] as number);
      s3 += (matrix[o + (idx[k + 3] as number)] as number) * (qv[k + 3] as number);
    }
    for (; k < n; k++) s0 += (matrix[o + (idx[k] as number)] as number) * (qv[k] as number);
    const s = (s0 + s1 + s2 + s3) / qNorm;
    if (best.length === count && s <= (best[count - 1]?.s ?? -1)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1]?.s ?? 0) < s) at--;
    best.splice(at, 0, { r, s });
    if (best.length > count) best.pop();
  }
  return best.map((b) => b.r);
}
