import type { Embedder } from '../ports';
import { addSparseFeatures, normaliseSlice, type SparseWeights } from './sparse-features';
import { stem, tokenize } from './tokenize';
import { loadWordVectors, type WordVectors } from './word-vectors';

/**
 * Stored on every pair as `metadata.embedding_model`; bump when the stored vectors would change.
 * v3: pairs are embedded as question + answer (`embedPairs`); the query vectors are those of v2.
 */
export const localEmbedderId = 'clara-local-v3';

/** Tunable knobs of the local embedder (defaults tuned on a held-out part of BANKING77 train). */
export interface LocalEmbedderParams {
  sparse: SparseWeights;
  /** Share of the squared norm given to the dense (word-vector) part, in [0, 1]. */
  denseShare: number;
  /** SIF smoothing `a` in `a / (a + p(w))`. */
  sifA: number;
  /** Exponent of the frequency prior applied to lexical features (0 = off). */
  idfPower: number;
  /** Weight of each word's nearest neighbours added as soft lexical features: `(sim - minSim)/(1 - minSim) * weight`. */
  expansion: { k: number; minSim: number; weight: number };
}

/** Nearest neighbours of a vocabulary row (word, cosine), best first. */
export type NeighbourFn = (index: number) => readonly (readonly [string, number])[];

export const defaultLocalParams: LocalEmbedderParams = {
  sparse: { word: 1.5, stopword: 0.5, bigram: 0.8, char: 0.35, charMin: 3, charMax: 5 },
  denseShare: 0.5,
  sifA: 1e-3,
  idfPower: 1,
  expansion: { k: 0, minSim: 0.6, weight: 0.5 },
};

/** Zipf estimate of a word's unigram probability from its frequency rank. */
const zipfP = (rank: number) => 1 / ((rank + 1) * 13.3);

/** Builds the embedding function for given vectors and params (exported for tuning scripts). */
export function makeLocalEmbed(
  vectors: WordVectors,
  params: LocalEmbedderParams,
  dimensions = 1536,
  neighbours?: NeighbourFn,
): (text: string) => Float32Array {
  const denseDims = vectors.dimensions;
  const sparseDims = dimensions - denseDims;
  const alpha = Math.sqrt(1 - params.denseShare);
  const beta = Math.sqrt(params.denseShare);
  const lookup = (word: string) => {
    const i = vectors.indexOf(word);
    return i >= 0 ? i : vectors.indexOf(stem(word));
  };
  const rankOf = (word: string) => {
    const i = lookup(word);
    return i >= 0 ? vectors.rankAt(i) : 50_000;
  };
  const termWeight =
    params.idfPower > 0
      ? (word: string) => Math.log(2 + rankOf(word)) ** params.idfPower / 10 ** params.idfPower
      : undefined;
  const { k, minSim, weight } = params.expansion;
  const expand =
    neighbours && k > 0
      ? (word: string) => {
          const i = lookup(word);
          if (i < 0) return [];
          return neighbours(i)
            .slice(0, k)
            .filter(([, sim]) => sim > minSim)
            .map(([n, sim]) => [n, ((sim - minSim) / (1 - minSim)) * weight] as const);
        }
      : undefined;
  return (text) => {
    const vec = new Float32Array(dimensions);
    addSparseFeatures(vec, 0, sparseDims, text, params.sparse, termWeight, expand);
    normaliseSlice(vec, 0, sparseDims, alpha);
    if (beta > 0) {
      for (const word of tokenize(text)) {
        const i = lookup(word);
        if (i < 0) continue;
        const p = zipfP(vectors.rankAt(i));
        vectors.addTo(vec, sparseDims, i, params.sifA / (params.sifA + p));
      }
      normaliseSlice(vec, sparseDims, denseDims, beta);
    }
    normaliseSlice(vec, 0, dimensions, 1);
    return vec;
  };
}

/**
 * The default offline embedder: hashed lexical features (stemmed words, bigrams, character
 * n-grams) concatenated with SIF-weighted word vectors, L2-normalised, 1536-d, deterministic.
 * Loads ~7 MB of shipped word vectors on first use; no network.
 */
export function createLocalEmbedder(options: { vectorsPath?: string } = {}): Embedder {
  let embed: ((text: string) => Float32Array) | null = null;
  return {
    id: localEmbedderId,
    dimensions: 1536,
    async embed(texts) {
      embed ??= makeLocalEmbed(loadWordVectors(options.vectorsPath), defaultLocalParams);
      return texts.map((t) => embed?.(t) ?? new Float32Array(1536));
    },
  };
}
