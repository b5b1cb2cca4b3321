/** Candidate ways to score a query against a question/answer pair, for eval-dev.ts. */
import type { CalibrationModel } from '@clara/core/engine';

type Embed = (text: string) => Float32Array;
type Dot = (a: Float32Array, b: Float32Array) => number;
/** Similarity of the query to every pair, in KB order. */
type Scorer = (query: Float32Array, text: string, dot: Dot) => number[];

export interface Recipe {
  name: string;
  build(kb: readonly { question: string; answer: string }[], embed: Embed): Scorer;
  /** The confidence model (default: the shipped one, fitted for the shipped recipe). */
  model?: CalibrationModel;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return v.map((x) => x / n);
}

/** normalise(e(question) + weight · e(answer)): one vector per pair. */
export function mixVector(q: Float32Array, a: Float32Array, weight: number): Float32Array {
  const v = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) v[i] = (q[i] ?? 0) + weight * (a[i] ?? 0);
  return unit(v);
}

const single = (
  name: string,
  vec: (p: { question: string; answer: string }, embed: Embed) => Float32Array,
): Recipe => ({
  name,
  build(kb, embed) {
    const vs = kb.map((p) => vec(p, embed));
    return (q, _t, dot) => vs.map((v) => dot(q, v));
  },
});

export const recipes: Recipe[] = [
  single('question', (p, e) => e(p.question)),
  single('concat', (p, e) => e(`${p.question} ${p.answer}`)),
  ...[0.5, 0.7, 1, 1.5].map((w) => single(`mix-${w}`, (p, e) => mixVector(e(p.question), e(p.answer), w))),
  {
    name: 'max',
    build(kb, embed) {
      const qs = kb.map((p) => embed(p.question));
      const as = kb.map((p) => embed(p.answer));
      return (q, _t, dot) =>
        kb.map((_, i) => Math.max(dot(q, qs[i] as Float32Array), dot(q, as[i] as Float32Array)));
    },
  },
];
