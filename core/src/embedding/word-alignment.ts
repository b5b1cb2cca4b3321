import { isStopword, stem, tokenize } from './tokenize';
import { loadWordVectors, type WordVectors } from './word-vectors';

/** Content words of a text with what alignment needs: stems, unit word vectors (or null) and rarity weights. */
interface AlignWords {
  stems: string[];
  vecs: (Float32Array | null)[];
  weights: number[];
}

/**
 * Soft word overlap: for each content word of `a` (weighted by rarity, log(2 + frequency rank)),
 * the best match among the content words of `b` (1 for the same stem, else the cosine of their
 * word vectors, at least 0), averaged. 0 when `a` has no content word.
 */
export type WordAligner = (a: string, b: string) => number;

// Word vectors of words seen recently; cleared when it grows past this many words.
const cacheLimit = 20_000;

/** Builds a word aligner over the given word vectors (the shipped ones by default). */
export function createWordAligner(vectors?: WordVectors): WordAligner {
  let wv: WordVectors | null | undefined = vectors;
  const cache = new Map<string, { vec: Float32Array | null; weight: number }>();
  const lookup = (word: string) => {
    const hit = cache.get(word);
    if (hit) return hit;
    if (wv === undefined) {
      try {
        wv = loadWordVectors();
      } catch {
        wv = null; // Without the vectors alignment falls back to exact stems.
      }
    }
    let vec: Float32Array | null = null;
    let rank = 50_000;
    if (wv) {
      let i = wv.indexOf(word);
      if (i < 0) i = wv.indexOf(stem(word));
      if (i >= 0) {
        vec = new Float32Array(wv.dimensions);
        wv.addTo(vec, 0, i, 1);
        rank = wv.rankAt(i);
      }
    }
    if (cache.size >= cacheLimit) cache.clear();
    const entry = { vec, weight: Math.log(2 + rank) };
    cache.set(word, entry);
    return entry;
  };
  const words = (text: string): AlignWords => {
    const content = tokenize(text).filter((w) => !isStopword(w));
    const entries = content.map(lookup);
    return {
      stems: content.map(stem),
      vecs: entries.map((e) => e.vec),
      weights: entries.map((e) => e.weight),
    };
  };
  return (aText, bText) => {
    const a = words(aText);
    const b = words(bText);
    let num = 0;
    let den = 0;
    for (let i = 0; i < a.stems.length; i++) {
      let best = 0;
      const u = a.vecs[i];
      for (let j = 0; j < b.stems.length && best < 1; j++) {
        if (a.stems[i] === b.stems[j]) {
          best = 1;
          break;
        }
        const v = b.vecs[j];
        if (!u || !v) continue;
        let s = 0;
        for (let d = 0; d < u.length; d++) s += (u[d] as number) * (v[d] as number);
        if (s > best) best = s;
      }
      const w = a.weights[i] as number;
      num += w * best;
      den += w;
    }
    return den > 0 ? num / den : 0;
  };
}

let shared: WordAligner | null = null;

/** The process-wide aligner over the shipped word vectors (loaded on first use). */
export function wordAlignment(a: string, b: string): number {
  shared ??= createWordAligner();
  return shared(a, b);
}
