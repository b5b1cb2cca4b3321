import { isStopword, stem, tokenize } from './tokenize';

/** 32-bit FNV-1a. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Weights of the hashed lexical features. */
export interface SparseWeights {
  word: number;
  stopword: number;
  bigram: number;
  char: number;
  /** Smallest and largest character n-gram length. */
  charMin: number;
  charMax: number;
}

function addFeature(vec: Float32Array, offset: number, size: number, feature: string, weight: number): void {
  const index = offset + (fnv1a(feature) % size);
  // A second hash picks the sign, so collisions cancel out on average instead of adding up.
  const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
  vec[index] = (vec[index] ?? 0) + sign * weight;
}

/**
 * Hashes stemmed words (scaled by `termWeight`, e.g. a frequency prior), content-word bigrams and
 * character n-grams of content words into `vec[offset, offset + size)`. Returns the squared norm added.
 */
export function addSparseFeatures(
  vec: Float32Array,
  offset: number,
  size: number,
  text: string,
  weights: SparseWeights,
  termWeight: (word: string) => number = () => 1,
  expand?: (word: string) => readonly (readonly [string, number])[],
): void {
  const words = tokenize(text);
  const content: string[] = [];
  for (const word of words) {
    const s = stem(word);
    if (isStopword(word)) {
      addFeature(vec, offset, size, `w:${s}`, weights.stopword);
      continue;
    }
    content.push(s);
    const tw = termWeight(word);
    addFeature(vec, offset, size, `w:${s}`, weights.word * tw);
    if (expand)
      for (const [n, w] of expand(word)) addFeature(vec, offset, size, `w:${stem(n)}`, weights.word * tw * w);
    if (weights.char > 0) {
      const padded = `<${s}>`;
      for (let n = weights.charMin; n <= weights.charMax; n++) {
        for (let j = 0; j + n <= padded.length; j++)
          addFeature(vec, offset, size, `c:${padded.slice(j, j + n)}`, weights.char * tw);
      }
    }
  }
  if (weights.bigram > 0) {
    for (let i = 0; i + 1 < content.length; i++)
      addFeature(vec, offset, size, `b:${content[i]}_${content[i + 1]}`, weights.bigram);
  }
}

/** Scales `vec[offset, offset + size)` to length `length` (no-op when it is all zero). */
export function normaliseSlice(vec: Float32Array, offset: number, size: number, length = 1): void {
  let norm = 0;
  for (let i = offset; i < offset + size; i++) norm += (vec[i] ?? 0) ** 2;
  if (norm === 0) return;
  const k = length / Math.sqrt(norm);
  for (let i = offset; i < offset + size; i++) vec[i] = (vec[i] ?? 0) * k;
}
