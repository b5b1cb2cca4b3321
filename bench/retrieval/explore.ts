/**
 * Re-ranking + calibration experiments on cached candidate lists (explore-cases.ts); every model is
 * fitted on BANKING77 train, then read on the test settings and the dev sets.
 *   node --import tsx bench/retrieval/explore.ts baseline        # shipped model vs a refit (3 features)
 *   GRID='[[0.4,0,0]]' node --import tsx bench/retrieval/explore.ts grid   # re-rank weights (aQA, aQ, rQ): train top-1
 *   CONFIGS='[["name",{"k":9,"lQA":0.4,"feats":["top","margin","overlap","aQA"]}]]' node --import tsx bench/retrieval/explore.ts configs|train
 *   VARIANT=filler ...   # queries without greetings/politeness words (hi, please, thanks, ...)
 *   ALIGN_T=0.2 ALIGN_E=2 ALIGN_P=2 ...   # word-similarity floor, its exponent, the rarity weight's power
 * Features: top (cosine), score (cosine + re-rank), margin (score to the next different answer),
 * overlap, aQA / aQ (alignment of the query with question+answer / question), rQ (question -> query).
 */

import { defaultLocalParams, makeLocalEmbed } from '../../core/src/embedding/local-embedder';
import { isStopword, stem, tokenize } from '../../core/src/embedding/tokenize';
import { loadWordVectors } from '../../core/src/embedding/word-vectors';
import { localCalibration } from '../../core/src/engine/calibration-model';
import { type Cand, type Case, type CaseSet, loadCases } from './explore-cases';
import { fitLogistic, type LogisticModel } from './logistic';
import { calibration, type QueryOutcome, summarise } from './metrics';

const variant = process.env.VARIANT ?? 'base';
const vectors = loadWordVectors();
const filler = new Set(
  'hi hello hey hiya please pls plz thanks thank thx cheers ok okay wondering greetings'.split(' '),
);
const strip = (t: string) =>
  variant === 'filler'
    ? tokenize(t)
        .filter((w) => !filler.has(w))
        .join(' ') || t
    : t;
const sets = loadCases(variant, () => {
  const e = makeLocalEmbed(vectors, defaultLocalParams);
  return (t: string) => e(strip(t));
});

// ---------- word-vector alignment ----------
const D = vectors.dimensions;
const vecCache = new Map<string, Float32Array | null>();
function wordVec(w: string): Float32Array | null {
  let v = vecCache.get(w);
  if (v !== undefined) return v;
  let i = vectors.indexOf(w);
  if (i < 0) i = vectors.indexOf(stem(w));
  if (i < 0) v = null;
  else {
    v = new Float32Array(D);
    vectors.addTo(v, 0, i, 1);
  }
  vecCache.set(w, v);
  return v;
}
function rankOf(w: string): number {
  let i = vectors.indexOf(w);
  if (i < 0) i = vectors.indexOf(stem(w));
  return i >= 0 ? vectors.rankAt(i) : 50_000;
}
const alignT = Number(process.env.ALIGN_T ?? 0);
const alignE = Number(process.env.ALIGN_E ?? 1);
const alignP = Number(process.env.ALIGN_P ?? 1);
const idfW = (w: string) => Math.log(2 + rankOf(w)) ** alignP;
interface Words {
  words: string[];
  stems: string[];
  vecs: (Float32Array | null)[];
  weights: number[];
}
const wordsCache = new Map<string, Words>();
function contentWords(text: string): Words {
  const hit = wordsCache.get(text);
  if (hit) return hit;
  const words = tokenize(text).filter((w) => !isStopword(w));
  const out = { words, stems: words.map(stem), vecs: words.map(wordVec), weights: words.map(idfW) };
  wordsCache.set(text, out);
  return out;
}
function sim(a: Words, i: number, b: Words, j: number): number {
  if (a.stems[i] === b.stems[j]) return 1;
  const u = a.vecs[i];
  const v = b.vecs[j];
  if (!u || !v) return 0;
  let s = 0;
  for (let d = 0; d < D; d++) s += (u[d] as number) * (v[d] as number);
  return Math.max(0, (s - alignT) / (1 - alignT)) ** alignE;
}
/** Weighted average over `a`'s words of the best similarity to a word of `b`. */
function align(a: Words, b: Words, power = 1): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.words.length; i++) {
    let best = 0;
    for (let j = 0; j < b.words.length; j++) best = Math.max(best, sim(a, i, b, j));
    const w = (a.weights[i] as number) ** power;
    num += w * best;
    den += w;
  }
  return den > 0 ? num / den : 0;
}
function concatWords(a: Words, b: Words): Words {
  return {
    words: [...a.words, ...b.words],
    stems: [...a.stems, ...b.stems],
    vecs: [...a.vecs, ...b.vecs],
    weights: [...a.weights, ...b.weights],
  };
}
const pairCache = new Map<string, Words>();
function pairWords(c: Cand): Words {
  const k = `${c.question}\u0000${c.answer}`;
  let w = pairCache.get(k);
  if (!w) {
    w = concatWords(contentWords(c.question), contentWords(c.answer));
    pairCache.set(k, w);
  }
  return w;
}

interface CandF extends Cand {
  overlap: number;
  aQA: number;
  aQ: number;
  rQ: number;
  score: number;
}
const featCache = new WeakMap<Cand, { overlap: number; aQA: number; aQ: number; rQ: number }>();
function candFeatures(query: string, c: Cand) {
  let f = featCache.get(c);
  if (f) return f;
  const q = contentWords(strip(query));
  const pw = pairWords(c);
  const qs = contentWords(c.question);
  const inTop = new Set(pw.stems);
  const overlap = q.stems.length ? q.stems.filter((s) => inTop.has(s)).length / q.stems.length : 0;
  f = { overlap, aQA: align(q, pw), aQ: align(q, qs), rQ: align(qs, q) };
  featCache.set(c, f);
  return f;
}

// ---------- config ----------
export interface Config {
  /** cos floor for candidates considered */
  candFloor: number;
  /** how many candidates (engine: 9) */
  k: number;
  /** rerank weights */
  lQA: number;
  lQ: number;
  lR: number;
  /** feature names for the confidence */
  feats: string[];
  /** margin floor (in score space) */
  marginFloor: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function ranked(cs: Case, cfg: Config): CandF[] {
  return cs.cands
    .slice(0, cfg.k)
    .filter((c) => c.cos > cfg.candFloor)
    .map((c) => {
      const f = candFeatures(cs.query, c);
      return { ...c, ...f, score: c.cos + cfg.lQA * f.aQA + cfg.lQ * f.aQ + cfg.lR * f.rQ };
    })
    .sort((a, b) => b.score - a.score);
}

function featuresOf(cs: Case, cfg: Config, list = ranked(cs, cfg)): number[] | null {
  const top = list[0];
  if (!top) return null;
  const other = list.find((m) => m.key !== top.key);
  const next = Math.max(cfg.marginFloor, other?.score ?? cfg.marginFloor);
  const margin = Math.max(0, top.score - next);
  const map: Record<string, number> = {
    top: top.cos,
    score: top.score,
    margin,
    overlap: top.overlap,
    aQA: top.aQA,
    aQ: top.aQ,
    rQ: top.rQ,
    pp: other ? align(pairWords(top), pairWords(other)) : 0,
    ppq: other ? align(contentWords(top.question), contentWords(other.question)) : 0,
    amargin: other ? Math.max(0, top.aQA - other.aQA) : top.aQA,
    cmargin: Math.max(0, top.cos - Math.max(cfg.marginFloor, other?.cos ?? cfg.marginFloor)),
    nq: Math.min(8, contentWords(cs.query).words.length) / 8,
  };
  return cfg.feats.map((n) => map[n] ?? 0);
}

export type Model = LogisticModel;

function fitModel(cfg: Config): Model {
  const x: number[][] = [];
  const y: number[] = [];
  for (const s of sets.filter((s) => s.group === 'train')) {
    for (const cs of s.cases) {
      const list = ranked(cs, cfg);
      const f = featuresOf(cs, cfg, list);
      if (!f) continue;
      x.push(f);
      y.push(cs.expected !== null && list[0]?.key === cs.expected ? 1 : 0);
    }
  }
  // Every weight non-negative; ITERS overrides the iteration count.
  return fitLogistic(
    x,
    y,
    Array.from(x[0] ?? [], (_, j) => j),
    1e-3,
    Number(process.env.ITERS ?? 3000),
  );
}

function evaluate(s: CaseSet, cfg: Config, model: Model, threshold = 0.78) {
  const outcomes: QueryOutcome[] = [];
  const pts: { confidence: number; correct: boolean }[] = [];
  for (const cs of s.cases) {
    const list = ranked(cs, cfg);
    const f = featuresOf(cs, cfg, list);
    const conf = f ? sigmoid(model.bias + f.reduce((a, v, j) => a + v * (model.w[j] ?? 0), 0)) : 0;
    // Re-ranked candidates first, then the rest of the cosine list.
    const rest = cs.cands.filter((c) => !list.some((l) => l.question === c.question && l.key === c.key));
    const rankedKeys = [...list.map((c) => c.key), ...rest.map((c) => c.key)];
    outcomes.push({ ranked: rankedKeys, expected: cs.expected, confidence: conf });
    pts.push({ confidence: conf, correct: cs.expected !== null && list[0]?.key === cs.expected });
  }
  const sum = summarise(outcomes, threshold);
  let bestF1 = 0;
  let bestT = 0;
  for (let t = 0.3; t < 0.96; t += 0.02) {
    const f = summarise(outcomes, t).gap_f1;
    if (f > bestF1) [bestF1, bestT] = [f, t];
  }
  return { ...sum, ece: calibration(pts).ece, bestF1, bestT };
}

function trainTop1(cfg: Config): number {
  let ok = 0;
  let n = 0;
  for (const s of sets.filter((s) => s.group === 'train')) {
    for (const cs of s.cases) {
      if (cs.expected === null) continue;
      n++;
      const top = ranked(cs, { ...cfg, candFloor: -1 })[0];
      if (top?.key === cs.expected) ok++;
    }
  }
  return ok / n;
}

const f3 = (x: number) => x.toFixed(3);
function report(label: string, cfg: Config, model: Model) {
  const cols: string[] = [];
  for (const s of sets.filter((s) => s.group !== 'train')) {
    const r = evaluate(s, cfg, model);
    const short = s.name.replace('-per-intent', 'pi').replace('%-intents+gaps', 'g').replace(', ', '+');
    cols.push(
      s.cases.some((c) => c.expected === null)
        ? `${short}: t1 ${f3(r.top1_accuracy)} ans ${f3(r.answered_rate)}/${f3(r.answered_accuracy)} F1 ${f3(r.gap_f1)} ece ${f3(r.ece)} best F1 ${f3(r.bestF1)}@${r.bestT.toFixed(2)}`
        : `${short}: t1 ${f3(r.top1_accuracy)} ans ${f3(r.answered_rate)}/${f3(r.answered_accuracy)} ece ${f3(r.ece)}`,
    );
  }
  console.log(
    `\n## ${label}  model ${JSON.stringify({ b: +model.bias.toFixed(3), w: model.w.map((v) => +v.toFixed(3)) })}`,
  );
  for (const c of cols) console.log(`  ${c}`);
}

const base: Config = {
  candFloor: 0.5,
  k: 5,
  lQA: 0,
  lQ: 0,
  lR: 0,
  feats: ['top', 'margin', 'overlap'],
  marginFloor: 0.5,
};
const shipped: Model = {
  bias: localCalibration.bias,
  w: [localCalibration.weights.top, localCalibration.weights.margin, localCalibration.weights.overlap],
};

const mode = process.argv[2] ?? 'baseline';
if (mode === 'baseline') {
  report('shipped (reproduce)', base, shipped);
  report('refit base', base, fitModel(base));
}
if (mode === 'grid') {
  const grid: [number, number, number][] = JSON.parse(
    process.env.GRID ?? '[[0,0,0],[0.1,0,0],[0.2,0,0],[0.3,0,0],[0,0.2,0],[0,0,0.2],[0.1,0.1,0.1]]',
  );
  for (const [a, b, c] of grid) {
    const cfg = { ...base, k: 9, candFloor: 0.15, lQA: a, lQ: b, lR: c };
    console.log(`rerank ${a},${b},${c}: train top1 ${f3(trainTop1(cfg))}`);
  }
}
if (mode === 'configs') {
  const configs: [string, Partial<Config>][] = JSON.parse(process.env.CONFIGS ?? '[]');
  for (const [name, patch] of configs) {
    const cfg = { ...base, ...patch };
    report(name, cfg, fitModel(cfg));
  }
}
if (mode === 'train') {
  const configs: [string, Partial<Config>][] = JSON.parse(process.env.CONFIGS ?? '[]');
  for (const [name, patch] of configs) {
    const cfg = { ...base, ...patch };
    const model = name === 'shipped' ? shipped : fitModel(cfg);
    const pooled: CaseSet = {
      name: 'train',
      group: 'train',
      cases: sets.filter((s) => s.group === 'train').flatMap((s) => s.cases),
    };
    const byStruct = ['1-per', '3-per', '10-per', 'all,'].map((p) => {
      const cases = sets.filter((s) => s.group === 'train' && s.name.startsWith(p)).flatMap((s) => s.cases);
      const r = evaluate({ name: p, group: 'train', cases }, cfg, model);
      return `${p} F1 ${f3(r.gap_f1)} ans ${f3(r.answered_rate)}`;
    });
    const r = evaluate(pooled, cfg, model);
    console.log(
      `${name}: t1 ${f3(r.top1_accuracy)} ans ${f3(r.answered_rate)}/${f3(r.answered_accuracy)} F1 ${f3(r.gap_f1)} ece ${f3(r.ece)} | ${byStruct.join(' | ')}`,
    );
  }
}
