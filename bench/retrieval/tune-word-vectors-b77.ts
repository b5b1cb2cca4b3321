/**
 * Experiment (not shipped): word vectors tuned for question paraphrase on BANKING77 **train**.
 * Learns a linear map M (D×D, regularised toward the identity) applied to every shipped word
 * vector, optionally plus a free offset per word seen in train (`--free`, paragram-style, also
 * regularised toward 0), so that a question's soft word alignment (each content word's best
 * match in the other question, rarity-weighted, as the re-ranker reads it) is higher with a
 * same-intent question than with other intents' questions (softmax over one positive and
 * `--neg` questions of other intents). 20% of each intent's train questions are held out to
 * report accuracy. Writes a word-vectors.bin of the same layout (normalised, int8):
 *   npx tsx bench/retrieval/tune-word-vectors-b77.ts --lambda 0.1 --epochs 8 --out bench/results/wv-b77.bin
 * The README's runs read it for the re-ranker's word similarity through a local, uncommitted hook in
 * core/src/embedding/word-match.ts `readWords`:
 *   shared ??= createWordReader(process.env.CLARA_RERANK_WV ? loadWordVectors(process.env.CLARA_RERANK_WV) : undefined);
 * then `CLARA_RERANK_WV=<file> npx tsx bench/retrieval/explore-kb.ts` (and eval-banking77.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isStopword, loadWordVectors, stem, tokenize } from '@clara/core/embedding';
import { bankingDir, readCsv, rng, shuffle } from './data';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const lambda = Number(arg('lambda', '0.1'));
const freeLambda = Number(arg('free-lambda', '1'));
const free = args.includes('--free');
const linear = !args.includes('--no-map');
const epochs = Number(arg('epochs', '8'));
const tau = Number(arg('tau', '10'));
const negs = Number(arg('neg', '30'));
const lr = Number(arg('lr', '0.002'));
const batch = Number(arg('batch', '128'));
const out = arg('out', 'bench/results/wv-b77.bin');
const seed = Number(arg('seed', '11'));

const wv = loadWordVectors();
const D = wv.dimensions;

// Sentences: content words → vocab slot (word row), stem, rarity.
interface Sent {
  slots: Int32Array; // -1 when the word has no vector
  stems: string[];
  rarity: Float64Array;
  total: number;
  intent: number;
}
const slotOf = new Map<number, number>();
const rows: number[] = [];
function read(text: string, intent: number): Sent {
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
  return { slots, stems: words.map(stem), rarity, total: rarity.reduce((a, b) => a + b, 0), intent };
}

const train = readCsv(`${bankingDir}train.csv`);
const intents = [...new Set(train.map((r) => r.category))];
const byIntent = new Map<number, Sent[]>();
const heldOut: Sent[] = [];
for (const [c, name] of intents.entries()) {
  const mine = shuffle(
    train.filter((r) => r.category === name),
    7 + c,
  );
  const cut = Math.floor(mine.length * 0.2);
  heldOut.push(...mine.slice(0, cut).map((r) => read(r.text, c)));
  byIntent.set(
    c,
    mine.slice(cut).map((r) => read(r.text, c)),
  );
}
const fitSents = [...byIntent.values()].flat().filter((s) => s.total > 0);
const V = rows.length;
const X = new Float64Array(V * D); // original vectors of the vocab
rows.forEach((r, s) => {
  const t = new Float32Array(D);
  wv.addTo(t, 0, r, 1);
  for (let d = 0; d < D; d++) X[s * D + d] = t[d] as number;
});
console.log(
  `vocab ${V} words, ${fitSents.length} fit / ${heldOut.length} held-out questions, ${intents.length} intents`,
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

const random = rng(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
function candidates(q: Sent): Sent[] {
  const own = (byIntent.get(q.intent) ?? []).filter((s) => s !== q);
  const others = shuffle(
    intents.map((_, c) => c).filter((c) => c !== q.intent),
    Math.floor(random() * 1e9),
  ).slice(0, negs);
  return [pick(own), ...others.map((c) => pick(byIntent.get(c) ?? []))];
}

function heldOutAccuracy(): number {
  forward();
  const r = rng(5);
  let right = 0;
  for (const q of heldOut) {
    // One random train question per intent; right when the own intent's scores highest.
    let top = -1;
    let topIntent = -1;
    for (const [c] of intents.entries()) {
      const pool = byIntent.get(c) ?? [];
      const s = align(q, pool[Math.floor(r() * pool.length)] as Sent);
      if (s > top) {
        top = s;
        topIntent = c;
      }
    }
    if (topIntent === q.intent) right++;
  }
  return right / heldOut.length;
}

// Adam on M and delta.
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
    m[i] = b1 * (m[i] as number) + (1 - b1) * gi;
    v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi;
    const mh = (m[i] as number) / (1 - b1 ** step);
    const vh = (v[i] as number) / (1 - b2 ** step);
    p[i] = (p[i] as number) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
  }
};

console.log(`epoch 0 held-out 1-per-intent top-1 ${heldOutAccuracy().toFixed(3)}`);
for (let epoch = 1; epoch <= epochs; epoch++) {
  const order = shuffle(fitSents, seed === 11 ? epoch : seed * 1000 + epoch); // seed 11 = the README run
  let lossSum = 0;
  for (let start = 0; start < order.length; start += batch) {
    forward();
    step++;
    const GZ = new Float64Array(V * D);
    const part = order.slice(start, start + batch);
    for (const q of part) {
      const cands = candidates(q);
      const scores = cands.map((c) => tau * align(q, c));
      const mx = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - mx));
      const sum = exps.reduce((a, b) => a + b, 0);
      lossSum -= Math.log((exps[0] as number) / sum);
      cands.forEach((c, k) => {
        const g = (tau * ((exps[k] as number) / sum - (k === 0 ? 1 : 0))) / part.length;
        align(q, c, g, GZ);
      });
    }
    // Back through the normalisation to u, then to M and delta.
    const GM = new Float64Array(D * D);
    const GDel = new Float64Array(V * D);
    for (let s = 0; s < V; s++) {
      let zg = 0;
      for (let d = 0; d < D; d++) zg += (Z[s * D + d] as number) * (GZ[s * D + d] as number);
      if (zg === 0) {
        let any = false;
        for (let d = 0; d < D && !any; d++) any = GZ[s * D + d] !== 0;
        if (!any) continue;
      }
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
  let dist = 0;
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) dist += ((M[i * D + j] as number) - (i === j ? 1 : 0)) ** 2;
  console.log(
    `epoch ${epoch} loss ${(lossSum / order.length).toFixed(4)} |M-I| ${Math.sqrt(dist).toFixed(3)} held-out top-1 ${heldOutAccuracy().toFixed(3)}`,
  );
}

// Write every shipped word through M (+ its offset when seen), normalised and int8-quantised.
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
