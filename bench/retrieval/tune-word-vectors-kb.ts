/**
 * Experiment: word vectors tuned for visitor paraphrase on owner-style knowledge bases. Learns a
 * linear map M (D×D, λ‖M − I‖² toward the identity) applied to every shipped word vector, and
 * optionally a free offset per word seen in training (`--free`, regularised toward 0), so that a
 * visitor query's soft word alignment with its own pair (question + answer, as the re-ranker
 * reads it) is higher than with the other pairs of the same knowledge base (softmax over every
 * pair of the business). Trains on the training businesses (`train-kb/`) only; reports the
 * alignment's top-1 on smallbiz-dev and the dev sets, which it never sees. Writes a
 * word-vectors.bin of the shipped layout:
 *   npx tsx bench/retrieval/tune-word-vectors-kb.ts --lambda 0.01 --epochs 6 --out bench/results/wv-kb.bin
 * Read by the re-ranker through the local hook described in tune-word-vectors-b77.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isStopword, loadWordVectors, stem, tokenize } from '@clara/core/embedding';
import { rng, shuffle } from './data';
import { devSets, type KbSet, smallbizSets, trainSets } from './kb-sets';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const lambda = Number(arg('lambda', '0.01'));
const freeLambda = Number(arg('free-lambda', '1'));
const free = args.includes('--free');
const linear = !args.includes('--no-map');
const epochs = Number(arg('epochs', '6'));
const tau = Number(arg('tau', '10'));
const lr = Number(arg('lr', '0.002'));
const batch = Number(arg('batch', '64'));
const out = arg('out', 'bench/results/wv-kb.bin');
const seed = Number(arg('seed', '11'));
const hold = arg('hold', ''); // comma-separated training businesses held out of the fit (reported)

const wv = loadWordVectors();
const D = wv.dimensions;

interface Sent {
  slots: Int32Array; // -1 when the word has no vector
  stems: string[];
  rarity: Float64Array;
  total: number;
}
const slotOf = new Map<number, number>();
const rows: number[] = [];
function read(text: string): Sent {
  const words = tokenize(text).filter((w) => !isStopword(w));
  const slots = new Int32Array(words.length);
  const rarity = new Float64Array(words.length);
  words.forEach((w, k) => {
    let i = wv.indexOf(w);
    if (i < 0) i = wv.indexOf(stem(w));
    rarity[k] = Math.log(2 + (i >= 0 ? wv.rankAt(i) : 50_000));
    if (i < 0) {
      slots[k] = -1;
      return;
    }
    let s = slotOf.get(i);
    if (s === undefined) {
      s = rows.length;
      slotOf.set(i, s);
      rows.push(i);
    }
    slots[k] = s;
  });
  return { slots, stems: words.map(stem), rarity, total: rarity.reduce((a, b) => a + b, 0) };
}

/** A business: its pairs as documents and its answerable queries with the index of their pair. */
interface Business {
  name: string;
  docs: Sent[];
  queries: { q: Sent; target: number }[];
}
function business(set: KbSet): Business {
  const docs = set.kb.map((p) => read(`${p.question} ${p.answer}`));
  const index = new Map(set.kb.map((p, i) => [p.answer.trim(), i]));
  const queries = set.queries.flatMap((q) => {
    const target = q.expected === null ? undefined : index.get(q.expected.trim());
    return target === undefined ? [] : [{ q: read(q.query), target }];
  });
  return { name: set.name, docs, queries: queries.filter((x) => x.q.total > 0) };
}

const held = new Set(hold.split(',').filter(Boolean));
const trainAll = trainSets().map(business);
const fitOn = trainAll.filter((b) => !held.has(b.name));
const report = [
  ...trainAll.filter((b) => held.has(b.name)),
  ...smallbizSets().map(business),
  ...devSets().map(business),
];
const V = rows.length;
const X = new Float64Array(V * D);
rows.forEach((r, s) => {
  const t = new Float32Array(D);
  wv.addTo(t, 0, r, 1);
  for (let d = 0; d < D; d++) X[s * D + d] = t[d] as number;
});
console.log(
  `vocab ${V} words; fit on ${fitOn.map((b) => b.name).join(', ')} (${fitOn.reduce((a, b) => a + b.queries.length, 0)} queries)`,
);

const M = new Float64Array(D * D);
for (let d = 0; d < D; d++) M[d * D + d] = 1;
const delta = new Float64Array(V * D);
const Z = new Float64Array(V * D);
const norms = new Float64Array(V);
function forward() {
  for (let s = 0; s < V; s++) {
    let n = 0;
    for (let i = 0; i < D; i++) {
      let u = delta[s * D + i] as number;
      for (let j = 0; j < D; j++) u += (M[i * D + j] as number) * (X[s * D + j] as number);
      Z[s * D + i] = u;
      n += u * u;
    }
    n = Math.sqrt(n) || 1;
    norms[s] = n;
    for (let i = 0; i < D; i++) Z[s * D + i] = (Z[s * D + i] as number) / n;
  }
}

/** Alignment of a → b; when `grad` is given, adds coef × ∂align/∂z into it. */
function align(a: Sent, b: Sent, coef = 0, grad?: Float64Array): number {
  let num = 0;
  for (let k = 0; k < a.slots.length; k++) {
    let best = 0;
    let arg = -1;
    let exact = false;
    const sa = a.slots[k] as number;
    for (let m = 0; m < b.slots.length; m++) {
      if (a.stems[k] === b.stems[m]) {
        exact = true;
        break;
      }
      const sb = b.slots[m] as number;
      if (sa < 0 || sb < 0) continue;
      let dot = 0;
      for (let d = 0; d < D; d++) dot += (Z[sa * D + d] as number) * (Z[sb * D + d] as number);
      if (dot > best) {
        best = dot;
        arg = sb;
      }
    }
    if (exact) best = 1;
    num += (a.rarity[k] as number) * best;
    if (grad && !exact && arg >= 0 && coef !== 0) {
      const c = (coef * (a.rarity[k] as number)) / a.total;
      for (let d = 0; d < D; d++) {
        grad[sa * D + d] = (grad[sa * D + d] as number) + c * (Z[arg * D + d] as number);
        grad[arg * D + d] = (grad[arg * D + d] as number) + c * (Z[sa * D + d] as number);
      }
    }
  }
  return a.total > 0 ? num / a.total : 0;
}

function top1(b: Business): number {
  let right = 0;
  for (const { q, target } of b.queries) {
    let best = -1;
    let arg = -1;
    b.docs.forEach((d, i) => {
      const s = align(q, d);
      if (s > best) {
        best = s;
        arg = i;
      }
    });
    if (arg === target) right++;
  }
  return b.queries.length ? right / b.queries.length : 0;
}
function reportTop1(label: string) {
  forward();
  const figures = report.map((b) => `${b.name} ${top1(b).toFixed(3)}`);
  const fitMean = fitOn.reduce((a, b) => a + top1(b), 0) / fitOn.length;
  console.log(`${label} fit ${fitMean.toFixed(3)} | ${figures.join('  ')}`);
}

const mM = new Float64Array(D * D);
const vM = new Float64Array(D * D);
const mDel = new Float64Array(V * D);
const vDel = new Float64Array(V * D);
let step = 0;
const adam = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array) => {
  const b1 = 0.9;
  const b2 = 0.999;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] as number;
    if (gi === 0 && m[i] === 0) continue;
    m[i] = b1 * (m[i] as number) + (1 - b1) * gi;
    v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi;
    const mh = (m[i] as number) / (1 - b1 ** step);
    const vh = (v[i] as number) / (1 - b2 ** step);
    p[i] = (p[i] as number) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
  }
};

const items = fitOn.flatMap((b) => b.queries.map((x) => ({ ...x, b })));
const random = rng(seed);
reportTop1('epoch 0');
for (let epoch = 1; epoch <= epochs; epoch++) {
  const order = shuffle(items, seed * 1000 + epoch + Math.floor(random() * 1000));
  let lossSum = 0;
  for (let start = 0; start < order.length; start += batch) {
    forward();
    step++;
    const GZ = new Float64Array(V * D);
    const part = order.slice(start, start + batch);
    for (const { q, target, b } of part) {
      const scores = b.docs.map((d) => tau * align(q, d));
      const mx = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - mx));
      const sum = exps.reduce((a, x) => a + x, 0);
      lossSum -= Math.log((exps[target] as number) / sum);
      b.docs.forEach((d, k) => {
        const g = (tau * ((exps[k] as number) / sum - (k === target ? 1 : 0))) / part.length;
        if (Math.abs(g) > 1e-6) align(q, d, g, GZ);
      });
    }
    const GM = new Float64Array(D * D);
    const GDel = new Float64Array(V * D);
    for (let s = 0; s < V; s++) {
      let any = false;
      for (let d = 0; d < D && !any; d++) any = GZ[s * D + d] !== 0;
      if (!any) continue;
      let zg = 0;
      for (let d = 0; d < D; d++) zg += (Z[s * D + d] as number) * (GZ[s * D + d] as number);
      const n = norms[s] as number;
      for (let i = 0; i < D; i++) {
        const gu = ((GZ[s * D + i] as number) - zg * (Z[s * D + i] as number)) / n;
        GDel[s * D + i] = gu;
        for (let j = 0; j < D; j++) GM[i * D + j] = (GM[i * D + j] as number) + gu * (X[s * D + j] as number);
      }
    }
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++)
        GM[i * D + j] =
          (GM[i * D + j] as number) + 2 * lambda * ((M[i * D + j] as number) - (i === j ? 1 : 0));
    for (let k = 0; k < V * D; k++) GDel[k] = (GDel[k] as number) + 2 * freeLambda * (delta[k] as number);
    if (linear) adam(M, GM, mM, vM);
    if (free) adam(delta, GDel, mDel, vDel);
  }
  reportTop1(`epoch ${epoch} loss ${(lossSum / order.length).toFixed(4)}`);
}

// Every shipped word through M (+ its offset when seen), normalised and int8-quantised.
const src = readFileSync(new URL('../../core/src/embedding/data/word-vectors.bin', import.meta.url));
const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
const size = view.getUint32(8, true);
const vocabBytes = view.getUint32(16, true);
const ranksAt = Math.ceil((20 + vocabBytes) / 4) * 4;
const scalesAt = ranksAt + size * 4;
const vecsAt = scalesAt + size * 4;
const buf = Buffer.from(src);
const t = new Float32Array(D);
const u = new Float64Array(D);
for (let r = 0; r < size; r++) {
  t.fill(0);
  wv.addTo(t, 0, r, 1);
  const s = slotOf.get(r);
  let n = 0;
  for (let i = 0; i < D; i++) {
    let x = s === undefined ? 0 : (delta[s * D + i] as number);
    for (let j = 0; j < D; j++) x += (M[i * D + j] as number) * (t[j] as number);
    u[i] = x;
    n += x * x;
  }
  n = Math.sqrt(n) || 1;
  let maxAbs = 0;
  for (let i = 0; i < D; i++) maxAbs = Math.max(maxAbs, Math.abs((u[i] as number) / n));
  const scale = maxAbs / 127 || 1;
  buf.writeFloatLE(scale, scalesAt + r * 4);
  for (let i = 0; i < D; i++) buf.writeInt8(Math.round((u[i] as number) / n / scale), vecsAt + r * D + i);
}
writeFileSync(out, buf);
console.log(`wrote ${out}`);
