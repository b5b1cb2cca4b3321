/** One workspace's active pair vectors, packed for exact cosine search. */
export interface WorkspaceVectors {
  version: number;
  ids: string[];
  dimensions: number;
  /** Row-major, each row scaled to unit length (so cosine = dot product). */
  matrix: Float32Array;
}

/** Parses pgvector's text output `[0.1,0.2,...]` into `out` at `offset`; returns the squared norm. */
export function parseVectorInto(text: string, out: Float32Array, offset: number, dimensions: number): number {
  let start = 1;
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    let end = text.indexOf(',', start);
    if (end < 0) end = text.length - 1;
    const value = Number(text.slice(start, end));
    out[offset + i] = value;
    norm += value * value;
    start = end + 1;
  }
  return norm;
}

/** Packs rows of `{ id, embedding }` (pgvector text) into unit-length rows. */
export function packVectors(
  rows: readonly { id: string; embedding: string }[],
  dimensions: number,
  version: number,
): WorkspaceVectors {
  const matrix = new Float32Array(rows.length * dimensions);
  const ids: string[] = [];
  rows.forEach((row, r) => {
    const offset = r * dimensions;
    const norm = Math.sqrt(parseVectorInto(row.embedding, matrix, offset, dimensions));
    if (norm > 0) for (let i = offset; i < offset + dimensions; i++) matrix[i] = (matrix[i] ?? 0) / norm;
    ids.push(row.id);
  });
  return { version, ids, dimensions, matrix };
}

export interface ScoredId {
  id: string;
  similarity: number;
}

/**
 * Exact top-`count` by cosine similarity strictly above `threshold`, best first: the
 * seed's `search_qa_pairs` semantics, computed in memory.
 */
export function topMatches(
  index: WorkspaceVectors,
  query: Float32Array,
  threshold: number,
  count: number,
): ScoredId[] {
  const { dimensions: d, matrix, ids } = index;
  let qNorm = 0;
  for (let i = 0; i < d; i++) qNorm += (query[i] ?? 0) * (query[i] ?? 0);
  qNorm = Math.sqrt(qNorm) || 1;
  // Only the query's non-zero dimensions contribute: the local embedder's hashed part is
  // sparse, so this skips most of each row. Dense queries take the same path at full length.
  const nz: number[] = [];
  for (let i = 0; i < d; i++) if (query[i] !== 0) nz.push(i);
  const idx = Int32Array.from(nz);
  const qv = Float32Array.from(nz, (i) => query[i] as number);
  const n = idx.length;
  const best: ScoredId[] = [];
  for (let r = 0; r < ids.length; r++) {
    const o = r * d;
    // Four accumulators let the JIT pipeline the multiply-adds.
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
    const similarity = (s0 + s1 + s2 + s3) / qNorm;
    if (similarity <= threshold) continue;
    if (best.length === count && similarity <= (best[count - 1]?.similarity ?? -1)) continue;
    // Insertion into a short sorted list: count is single digits.
    let at = best.length;
    while (at > 0 && (best[at - 1]?.similarity ?? 0) < similarity) at--;
    best.splice(at, 0, { id: ids[r] as string, similarity });
    if (best.length > count) best.pop();
  }
  return best;
}
