/**
 * Ranking and confidence experiments on owner-style knowledge bases (smallbiz-dev + dev sets),
 * leave-one-business-out.  npx tsx bench/retrieval/explore-kb.ts
 */

import {
  isStopword,
  mixPairVector,
  readWords,
  stem,
  tokenize,
  wordAlignment,
  wordSimilarity,
} from '@clara/core/embedding';
import { askedKinds, closedClassClash, kindMatch, poolSignals } from '@clara/core/engine';
import { devSets, type KbSet, smallbizSets, trainSets } from './kb-sets';
import { localEmbedSync } from './local-embed-sync';

const embed = localEmbedSync();
const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
const content = (t: string) =>
  tokenize(t)
    .filter((w) => !isStopword(w))
    .map(stem);

interface Cand {
  f: number[];
  answerIdx: number;
}
interface Q {
  set: string;
  expected: number | null;
  cands: Cand[];
}

export const names = [
  'cos_pair',
  'cos_q',
  'cos_a',
  'al_qa',
  'al_q',
  'cov_pool',
  'covq_pool',
  'rev_q',
  'rev_al',
  'p_cover',
  'p_exact',
  'p_reverse',
  'len',
  'p_align',
  'kind',
  'qlen',
  'p_unseen',
  'clash',
  'miss',
  'minbest',
  'misspool',
];

function build(set: KbSet): Q[] {
  const qv = set.kb.map((p) => embed(p.question));
  const av = set.kb.map((p) => embed(p.answer));
  const pv = set.kb.map((_, i) => mixPairVector(qv[i] as Float32Array, av[i], 0.7));
  const stemsQA = set.kb.map((p) => new Set(content(`${p.question} ${p.answer}`)));
  const stemsQ = set.kb.map((p) => new Set(content(p.question)));
  const N = set.kb.length;
  const df = new Map<string, number>();
  for (const s of stemsQA) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((N + 1) / ((df.get(w) ?? 0) + 0.5));
  return set.queries.map((q) => {
    const e = embed(q.query);
    const qs = [...new Set(content(q.query))];
    const tot = qs.reduce((a, w) => a + idf(w), 0) || 1;
    const ps = poolSignals(
      q.query,
      set.kb.map((p, i) => ({ ...p, similarity: dot(e, pv[i] as Float32Array) })),
    );
    const asked = askedKinds(q.query);
    const qw = readWords(q.query).filter((w, k, a) => a.findIndex((x) => x.stem === w.stem) === k);
    const rTot = qw.reduce((a, w) => a + w.rarity, 0) || 1;
    const cands = set.kb.map((p, i) => {
      const pw = readWords(`${p.question} ${p.answer}`);
      const best = qw.map((w) => pw.reduce((m, x) => Math.max(m, wordSimilarity(w, x)), 0));
      const miss = qw.reduce((m, w, k) => Math.max(m, (w.rarity / rTot) * (1 - (best[k] as number))), 0);
      const minbest = best.length ? Math.min(...best) : 1;
      // The same with each word weighted by its rarity in this knowledge base (idf over pairs).
      const kbIdf = qw.map((w) => idf(w.stem));
      const kbTot = kbIdf.reduce((a, v) => a + v, 0) || 1;
      const misspool = qw.reduce(
        (m, _, k) => Math.max(m, ((kbIdf[k] as number) / kbTot) * (1 - (best[k] as number))),
        0,
      );
      const cov = qs.reduce((a, w) => a + (stemsQA[i]?.has(w) ? idf(w) : 0), 0) / tot;
      const covq = qs.reduce((a, w) => a + (stemsQ[i]?.has(w) ? idf(w) : 0), 0) / tot;
      const qset = new Set(qs);
      const pq = [...(stemsQ[i] ?? [])];
      const ptot = pq.reduce((a, w) => a + idf(w), 0) || 1;
      const rev = pq.reduce((a, w) => a + (qset.has(w) ? idf(w) : 0), 0) / ptot;
      return {
        f: [
          dot(e, pv[i] as Float32Array),
          dot(e, qv[i] as Float32Array),
          dot(e, av[i] as Float32Array),
          wordAlignment(q.query, `${p.question} ${p.answer}`),
          wordAlignment(q.query, p.question),
          cov,
          covq,
          rev,
          wordAlignment(p.question, q.query),
          ps[i]?.cover ?? 0,
          ps[i]?.exact ?? 0,
          ps[i]?.reverse ?? 0,
          Math.log(1 + content(`${p.question} ${p.answer}`).length),
          ps[i]?.align ?? 0,
          kindMatch(asked, p.answer),
          Math.log(1 + qs.length),
          ps[i]?.unseen ?? 0,
          closedClassClash(q.query, `${p.question} ${p.answer}`),
          miss,
          minbest,
          misspool,
        ],
        answerIdx: i,
      };
    });
    const expected =
      q.expected === null ? null : set.kb.findIndex((p) => p.answer.trim() === q.expected?.trim());
    return { set: set.name, expected, cands };
  });
}

const score = (w: number[], f: number[]) => f.reduce((a, x, j) => a + x * (w[j] ?? 0), 0);

/** Listwise softmax regression: maximise log P(expected) over answerable queries. */
function fitRank(qs: Q[], mask: boolean[], iters = 400, lr = 0.5, temp = 10): number[] {
  const d = names.length;
  const w = new Array<number>(d).fill(0);
  w[0] = 1;
  const train = qs.filter((q) => q.expected !== null && q.expected >= 0);
  for (let it = 0; it < iters; it++) {
    const g = new Array<number>(d).fill(0);
    for (const q of train) {
      const s = q.cands.map((c) => temp * score(w, c.f));
      const m = Math.max(...s);
      const ex = s.map((x) => Math.exp(x - m));
      const z = ex.reduce((a, b) => a + b, 0);
      for (let k = 0; k < q.cands.length; k++) {
        const p = (ex[k] as number) / z;
        const y = q.cands[k]?.answerIdx === q.expected ? 1 : 0;
        const f = q.cands[k]?.f as number[];
        for (let j = 0; j < d; j++) if (mask[j]) g[j] = (g[j] as number) + temp * (p - y) * (f[j] as number);
      }
    }
    for (let j = 0; j < d; j++) if (mask[j]) w[j] = (w[j] as number) - (lr * (g[j] as number)) / train.length;
  }
  return w;
}

function evalRank(qs: Q[], w: number[]) {
  let n = 0;
  let t1 = 0;
  let t3 = 0;
  for (const q of qs) {
    if (q.expected === null || q.expected < 0) continue;
    n++;
    const order = [...q.cands].sort((a, b) => score(w, b.f) - score(w, a.f)).map((c) => c.answerIdx);
    const r = order.indexOf(q.expected);
    if (r === 0) t1++;
    if (r < 3) t3++;
  }
  return { top1: t1 / n, top3: t3 / n };
}

const sets = [...smallbizSets(), ...devSets()];
const all = sets.map((s) => ({ name: s.name, qs: build(s) }));
// TRAIN=1: the training businesses (train-kb/) join every fit; TRAIN=only: they are the whole fit.
const extra = process.env.TRAIN ? trainSets().map((s) => ({ name: s.name, qs: build(s) })) : [];
const fitSets = (held: (typeof all)[number]) =>
  process.env.TRAIN === 'only' ? extra : [...all.filter((s) => s !== held), ...extra];
const on = (...ns: string[]) => names.map((n) => ns.includes(n));
const masks: Record<string, boolean[]> = {
  prod: on('cos_pair', 'p_align', 'p_cover'),
  'prod+kind': on('cos_pair', 'p_align', 'p_cover', 'kind'),
  'prod+kind+rev': on('cos_pair', 'p_align', 'p_cover', 'kind', 'p_reverse', 'p_exact'),
};
// MASK=a,b,c: one more ranker over the named features (e.g. MASK=cos_pair,p_align,p_cover,kind,len).
if (process.env.MASK) masks[process.env.MASK] = on(...process.env.MASK.split(','));
for (const [label, mask] of process.env.CONF || process.env.MISSES ? [] : Object.entries(masks)) {
  const rows: string[] = [];
  let w0: number[] = [];
  for (const held of all) {
    const train = fitSets(held).flatMap((s) => s.qs);
    const w = fitRank(train, mask);
    w0 = w;
    const r = evalRank(held.qs, w);
    rows.push(`${held.name} ${r.top1.toFixed(2)}/${r.top3.toFixed(2)}`);
  }
  console.log(label.padEnd(12), rows.join('  '), '| w', w0.map((x) => x.toFixed(2)).join(' '));
}

if (process.env.MISSES) {
  const w = names.map((n) => (n === 'cos_pair' ? 1.18 : n === 'al_qa' ? 0.58 : n === 'cov_pool' ? 0.36 : 0));
  for (const s of sets.filter((x) => x.name === process.env.MISSES)) {
    const qs = all.find((a) => a.name === s.name)?.qs ?? [];
    qs.forEach((q, i) => {
      if (q.expected === null || q.expected < 0) return;
      const order = [...q.cands].sort((a, b) => score(w, b.f) - score(w, a.f)).map((c) => c.answerIdx);
      const r = order.indexOf(q.expected);
      if (r < 3) return;
      console.log(
        `[${r}] ${s.queries[i]?.query}\n    want: ${s.kb[q.expected]?.question}\n    got:  ${order
          .slice(0, 3)
          .map((k) => s.kb[k]?.question)
          .join(' | ')}`,
      );
    });
  }
}

if (process.env.CONF) {
  const { fitLogistic } = await import('./logistic');
  // RANKW="p_align=0.2,p_cover=0.7,kind=0.16" overrides the shipped ranking weights (e.g. for other word vectors).
  const shippedW: Record<string, number> = { cos_pair: 1, p_align: 0.18, p_cover: 0.69, kind: 0.16 };
  for (const kv of (process.env.RANKW ?? '').split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    if (k) shippedW[k] = Number(v);
  }
  const W = names.map((n) => (n === 'clash' ? -Number(process.env.CLASH_W ?? 0) : (shippedW[n] ?? 0)));
  const idx = (n: string) => names.indexOf(n);
  type Row = { x: Record<string, number>; y: number; q: Q; order: number[] };
  const rowsOf = (qs: Q[]): Row[] =>
    qs.map((q) => {
      const sorted = [...q.cands].sort((a, b) => score(W, b.f) - score(W, a.f));
      const t = sorted[0] as Cand;
      const s2 = sorted.find((c) => c.answerIdx !== t.answerIdx) as Cand;
      const g = (n: string, c: Cand = t) => c.f[idx(n)] as number;
      const x: Record<string, number> = {
        score: score(W, t.f),
        // A competitor's clash penalty is not counted in the margin (as in calibration-features.ts).
        margin:
          score(W, t.f) -
          Math.max(
            ...sorted
              .filter((c) => c.answerIdx !== t.answerIdx)
              .map((c) => score(W, c.f) + Number(process.env.CLASH_W ?? 0) * g('clash', c)),
          ),
        cos: g('cos_pair'),
        cosmargin: g('cos_pair') - g('cos_pair', s2),
        cover: g('p_cover'),
        exact: g('p_exact'),
        reverse: g('p_reverse'),
        align: g('p_align'),
        kind: g('kind'),
        qlen: g('qlen'),
        unseen: g('p_unseen'),
        covmargin: g('p_cover') - g('p_cover', s2),
        clash: g('clash'),
        miss: g('miss'),
        minbest: g('minbest'),
        misspool: g('misspool'),
      };
      return {
        x,
        y: q.expected !== null && t.answerIdx === q.expected ? 1 : 0,
        q,
        order: sorted.map((c) => c.answerIdx),
      };
    });
  const feats = (process.env.CONF ?? 'margin').split(',');
  const pick = (r: Row) => feats.map((k) => r.x[k] as number);
  const T = Number(process.env.T ?? 0.78);
  const tot = { t1: 0, t3: 0, ar: 0, ws: 0, oc: 0, ip: 0, gr: 0 };
  const bins: ({ n: number; ok: number; sp: number } | undefined)[] = [];
  for (const held of all) {
    const train = fitSets(held).flatMap((s) => rowsOf(s.qs));
    const nonNeg = feats.flatMap((k, j) => (['score', 'margin'].includes(k) ? [j] : []));
    const m = fitLogistic(
      train.map(pick),
      train.map((r) => r.y),
      nonNeg,
    );
    const test = rowsOf(held.qs);
    let ans = 0,
      right = 0,
      wrong = 0,
      oc = 0,
      gapQ = 0,
      caught = 0,
      flagged = 0,
      picked = 0;
    for (const r of test) {
      const p = 1 / (1 + Math.exp(-(m.bias + pick(r).reduce((a, v, j) => a + v * (m.w[j] ?? 0), 0))));
      const answered = p >= T;
      const exp = r.q.expected;
      const b = Math.min(9, Math.floor(p * 10));
      bins[b] = bins[b] ?? { n: 0, ok: 0, sp: 0 };
      (bins[b] as { n: number; ok: number; sp: number }).n++;
      (bins[b] as { n: number; ok: number; sp: number }).ok += r.y;
      (bins[b] as { n: number; ok: number; sp: number }).sp += p;
      if (!answered) flagged++;
      if (exp === null) {
        gapQ++;
        if (!answered) caught++;
        else wrong++;
        continue;
      }
      ans++;
      if (answered && r.order[0] === exp) {
        right++;
        oc++;
      } else if (answered) wrong++;
      else if (r.order.slice(0, 3).includes(exp)) {
        oc++;
        picked++;
      }
    }
    const open = flagged - picked;
    const ranked = test.filter((r) => r.q.expected !== null && r.q.expected >= 0);
    const rankAt = (r: Row) => r.order.indexOf(r.q.expected as number);
    const line = {
      t1: ranked.filter((r) => rankAt(r) === 0).length / ranked.length,
      t3: ranked.filter((r) => rankAt(r) >= 0 && rankAt(r) < 3).length / ranked.length,
      ar: right / ans,
      ws: wrong / test.length,
      oc: oc / ans,
      ip: open ? caught / open : 0,
      gr: caught / gapQ,
    };
    for (const k of Object.keys(tot) as (keyof typeof tot)[]) tot[k] += line[k] / all.length;
    if (process.env.VERBOSE)
      console.log(
        held.name.padEnd(16),
        Object.entries(line)
          .map(([k, v]) => `${k} ${v.toFixed(3)}`)
          .join('  '),
      );
  }
  if (process.env.BINS)
    console.log(
      bins
        .map((b, i) =>
          b ? `${i / 10}: n ${b.n} p ${(b.sp / b.n).toFixed(2)} acc ${(b.ok / b.n).toFixed(2)}` : '',
        )
        .join('\n'),
    );
  const full = [...(process.env.TRAIN === 'only' ? [] : all), ...extra].flatMap((s) => rowsOf(s.qs));
  const mAll = fitLogistic(
    full.map(pick),
    full.map((r) => r.y),
    feats.flatMap((k, j) => (['score', 'margin'].includes(k) ? [j] : [])),
  );
  console.log(
    feats.join(',').padEnd(40),
    Object.entries(tot)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join('  '),
    '| all-fit',
    mAll.bias.toFixed(3),
    mAll.w.map((v) => v.toFixed(3)).join(' '),
  );
}
if (process.env.FITALL) {
  const { fitLogistic } = await import('./logistic');
  const W = names.map((n) => (n === 'cos_pair' ? 1 : n === 'al_qa' ? 0.14 : n === 'p_cover' ? 0.75 : 0));
  const idx = (n: string) => names.indexOf(n);
  const x: number[][] = [];
  const y: number[] = [];
  for (const s of all)
    for (const q of s.qs) {
      const sorted = [...q.cands].sort((a, b) => score(W, b.f) - score(W, a.f));
      const t = sorted[0] as Cand;
      const s2 = sorted.find((c) => c.answerIdx !== t.answerIdx) as Cand;
      x.push([
        score(W, t.f),
        score(W, t.f) - score(W, s2.f),
        t.f[idx('p_cover')] as number,
        t.f[idx('p_exact')] as number,
        t.f[idx('p_reverse')] as number,
      ]);
      y.push(q.expected !== null && t.answerIdx === q.expected ? 1 : 0);
    }
  const m = fitLogistic(x, y, [0, 1]);
  console.log(JSON.stringify(m));
}
