/** In-memory retrieval back-ends for the benchmark: brute-force cosine, TF-IDF cosine, MiniSearch BM25. */

import { stem, tokenize } from '@clara/core/embedding';
import MiniSearch from 'minisearch';

/** A ranked hit: the KB row index and its score (cosine for vectors, BM25 score for MiniSearch). */
export interface Hit {
  index: number;
  score: number;
}

export interface Retriever {
  name: string;
  search(query: string, k: number): Hit[];
}

/** Keeps the k best hits (simple insertion into a small sorted array). */
export function topK(scores: Float32Array | Float64Array, k: number, count = scores.length): Hit[] {
  const best: Hit[] = [];
  for (let i = 0; i < count; i++) {
    const s = scores[i] ?? 0;
    if (best.length === k && s <= (best[k - 1]?.score ?? -Infinity)) continue;
    let j = best.length < k ? best.length : k - 1;
    while (j > 0 && (best[j - 1]?.score ?? 0) < s) j--;
    best.splice(j, 0, { index: i, score: s });
    if (best.length > k) best.pop();
  }
  return best;
}

/** Brute-force cosine over unit vectors stored row-major in one Float32Array. */
export function vectorRetriever(
  name: string,
  embed: (text: string) => Float32Array,
  kbTexts: readonly string[],
  /** How a KB row is embedded (default: `embed(text)`), e.g. the pair recipe with an answer. */
  embedRow: (text: string, index: number) => Float32Array = (t) => embed(t),
): Retriever {
  const first = embedRow(kbTexts[0] ?? '', 0);
  const dims = first.length;
  const matrix = new Float32Array(kbTexts.length * dims);
  kbTexts.forEach((t, i) => {
    matrix.set(i === 0 ? first : embedRow(t, i), i * dims);
  });
  const scores = new Float32Array(kbTexts.length);
  // Skip dimensions that are zero in the query: the hashed part is sparse.
  return {
    name,
    search(query, k) {
      const q = embed(query);
      const nz: number[] = [];
      for (let d = 0; d < dims; d++) if (q[d] !== 0) nz.push(d);
      for (let i = 0; i < kbTexts.length; i++) {
        const base = i * dims;
        let s = 0;
        for (const d of nz) s += (q[d] as number) * (matrix[base + d] as number);
        scores[i] = s;
      }
      return topK(scores, k);
    },
  };
}

const terms = (text: string) => tokenize(text).map(stem);

/** Plain TF-IDF (sublinear tf, smoothed idf from the KB) with cosine similarity. */
export function tfidfRetriever(kbTexts: readonly string[]): Retriever {
  const df = new Map<string, number>();
  const docs = kbTexts.map((t) => {
    const tf = new Map<string, number>();
    for (const w of terms(t)) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    return tf;
  });
  const idf = (w: string) => Math.log((1 + kbTexts.length) / (1 + (df.get(w) ?? 0))) + 1;
  const postings = new Map<string, { doc: number; weight: number }[]>();
  docs.forEach((tf, doc) => {
    const weights = [...tf].map(([w, c]) => [w, (1 + Math.log(c)) * idf(w)] as const);
    const norm = Math.hypot(...weights.map(([, x]) => x)) || 1;
    for (const [w, x] of weights) postings.set(w, [...(postings.get(w) ?? []), { doc, weight: x / norm }]);
  });
  const scores = new Float64Array(kbTexts.length);
  return {
    name: 'tfidf',
    search(query, k) {
      scores.fill(0);
      const tf = new Map<string, number>();
      for (const w of terms(query)) tf.set(w, (tf.get(w) ?? 0) + 1);
      const weights = [...tf]
        .filter(([w]) => df.has(w))
        .map(([w, c]) => [w, (1 + Math.log(c)) * idf(w)] as const);
      const norm = Math.hypot(...weights.map(([, x]) => x)) || 1;
      for (const [w, x] of weights)
        for (const p of postings.get(w) ?? []) scores[p.doc] = (scores[p.doc] ?? 0) + (x / norm) * p.weight;
      return topK(scores, k);
    },
  };
}

/** MiniSearch's BM25 with its default tokenizer, OR semantics and the same light stemmer. */
export function bm25Retriever(kbTexts: readonly string[]): Retriever {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => stem(term.toLowerCase()),
  });
  ms.addAll(kbTexts.map((text, id) => ({ id, text })));
  return {
    name: 'bm25',
    search(query, k) {
      return ms
        .search(query)
        .slice(0, k)
        .map((r) => ({ index: r.id as number, score: r.score }));
    },
  };
}
