import type { Embedder } from '../ports';
import { isStopword, stem, tokenize } from './tokenize';

export const hashingEmbedderId = 'clara-hashing-v1';

/** 32-bit FNV-1a. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function addFeature(vec: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const index = h % vec.length;
  // A second hash picks the sign, so collisions cancel out on average instead of adding up.
  const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
  vec[index] = (vec[index] ?? 0) + sign * weight;
}

/** Embeds one text: stemmed words, word bigrams and character 3-5-grams, hashed and L2-normalised. */
export function hashEmbed(text: string, dimensions = 1536): Float32Array {
  const vec = new Float32Array(dimensions);
  const words = tokenize(text);
  const stems = words.map(stem);
  const content = stems.filter((_, i) => !isStopword(words[i] ?? ''));
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i] ?? '';
    const weight = isStopword(words[i] ?? '') ? 0.25 : 1;
    addFeature(vec, `w:${s}`, weight * 1.5);
    const padded = `<${s}>`;
    if (weight === 1) {
      for (let n = 3; n <= 5; n++) {
        for (let j = 0; j + n <= padded.length; j++) addFeature(vec, `c:${padded.slice(j, j + n)}`, 0.35);
      }
    }
  }
  for (let i = 0; i + 1 < content.length; i++) addFeature(vec, `b:${content[i]}_${content[i + 1]}`, 0.8);
  let norm = 0;
  for (const v of vec) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vec.length; i++) vec[i] = (vec[i] ?? 0) / norm;
  return vec;
}

/**
 * The built-in offline embedder: feature hashing, no model, no network, deterministic.
 * 1536 dimensions so it fits the seed's `vector(1536)` column.
 */
export function createHashingEmbedder(): Embedder {
  return {
    id: hashingEmbedderId,
    dimensions: 1536,
    async embed(texts) {
      return texts.map((t) => hashEmbed(t, 1536));
    },
  };
}
