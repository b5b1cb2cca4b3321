import type { Embedder } from '../ports';

/**
 * Weight of the answer's vector in a pair's stored vector: normalise(e(question) + w · e(answer)).
 * With one question per answer the answer's words catch paraphrases the question alone misses.
 * Chosen on the dental development set (bench/retrieval/dev: top-1 0.54 → 0.65; w = 1 gave 0.68
 * but lowered BANKING77 top-1 with many phrasings per answer, 0.7 lowers none), confirmed on the
 * demo KB (0.52 → 0.60).
 */
export const pairAnswerWeight = 0.7;

/** The text of a pair that is embedded: its question and (when given) its answer. */
export interface PairText {
  question: string;
  answer?: string | null | undefined;
}

/** normalise(q + weight · a); returns `q` unchanged when the mix has no length. */
export function mixPairVector(
  q: Float32Array,
  a: Float32Array | undefined,
  weight = pairAnswerWeight,
): Float32Array {
  if (!a || weight === 0) return q;
  const v = new Float32Array(q.length);
  let n = 0;
  for (let i = 0; i < q.length; i++) {
    const x = (q[i] ?? 0) + weight * (a[i] ?? 0);
    v[i] = x;
    n += x * x;
  }
  if (n === 0) return q;
  const inv = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * inv;
  return v;
}

/**
 * Embeds knowledge-base pairs the one way every writer (import, admin edits, gap resolution,
 * reindex) must use: question and answer embedded separately and mixed. Queries are embedded
 * with `embedder.embed` as they are. Pairs without an answer keep their question's vector.
 */
export async function embedPairs(embedder: Embedder, pairs: readonly PairText[]): Promise<Float32Array[]> {
  if (pairs.length === 0) return [];
  const answers = pairs.map((p) => (p.answer ?? '').trim());
  const withAnswer = answers.flatMap((a, i) => (a ? [i] : []));
  const vectors = await embedder.embed([
    ...pairs.map((p) => p.question),
    ...withAnswer.map((i) => answers[i] as string),
  ]);
  if (vectors.length !== pairs.length + withAnswer.length)
    throw new Error('embedder returned fewer vectors than texts');
  const answerVectors = new Map(withAnswer.map((i, j) => [i, vectors[pairs.length + j] as Float32Array]));
  return pairs.map((_, i) => mixPairVector(vectors[i] as Float32Array, answerVectors.get(i)));
}
