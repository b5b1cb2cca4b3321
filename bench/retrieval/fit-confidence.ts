/**
 * Confidence fit through the engine's own code (`rankMatches` + `confidenceFeatures`), checked
 * leave-one-business-out on the owner-style sets, optionally with synthetic near-topic
 * questions the knowledge base cannot answer: a KB question with its rarest content word swapped
 * for an unrelated word ("Do you sell gift cards?" → "Do you sell pizza?"). Visitors ask such
 * things ("do you walk dogs?" of a cleaning firm), and the dev sets' unanswerable questions are
 * mostly far off topic, so without them the fit learns that a strong partial match is enough.
 *
 *   npx tsx bench/retrieval/fit-confidence.ts                  # real queries only
 *   SYNTH=2 npx tsx bench/retrieval/fit-confidence.ts          # + 2 swaps per KB question
 *   FEATURES=margin,cover,exact,reverse,kind (default: the shipped model's)    T=0.78 (threshold)
 *   INTERACT=1: a quadratic model (every product of two features)
 *   SUBKB=n: + n smaller knowledge bases per business in the fit (SUBKB_KEEP of its pairs, default
 *   0.4; the questions of the pairs left out become unanswerable); every run also prints the
 *   figures on three such smaller knowledge bases of each held-out business
 *   EXTRA=pool|poolm: the knowledge base's size (log scale) as a feature, or times the margin
 * (The `miss` row of the README was run with a seventh engine feature that was not shipped.)
 */
import {
  isStopword,
  loadWordVectors,
  mixPairVector,
  readWords,
  tokenize,
  wordSimilarity,
} from '@clara/core/embedding';
import { type ConfidenceFeatures, confidenceFeatures, rankMatches } from '@clara/core/engine';
import { visitorSummary } from '@clara/server/eval';
import { rng } from './data';
import { devSets, type KbSet, smallbizSets, trainSets } from './kb-sets';
import { localEmbedSync } from './local-embed-sync';
import { fitLogistic, type LogisticModel } from './logistic';

const embed = localEmbedSync();
const features = (process.env.FEATURES ?? 'margin,cover,exact,reverse,kind').split(
  ',',
) as (keyof ConfidenceFeatures)[];
const synthPerQuestion = Number(process.env.SYNTH ?? 0);
const threshold = Number(process.env.T ?? 0.78);
const floor = 0.1;

interface Row {
  x: number[];
  /** 1 when the top pair gives the expected answer. */
  y: number;
  /** The expected answer's text; null when the knowledge base does not answer the query. */
  expected: string | null;
  /** Distinct answers in the engine's order. */
  answers: string[];
  synthetic: boolean;
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

/** Questions the KB cannot answer: each KB question with its rarest content word swapped for an unrelated one. */
function nearTopicGaps(set: KbSet, perQuestion: number, seed: number): string[] {
  if (perQuestion === 0) return [];
  const vectors = loadWordVectors();
  const random = rng(seed);
  const kbWords = readWords(set.kb.map((p) => `${p.question} ${p.answer}`).join(' '));
  const out: string[] = [];
  for (const pair of set.kb) {
    const words = readWords(pair.question);
    const rarest = [...words].sort((a, b) => b.rarity - a.rarity)[0];
    if (!rarest) continue;
    for (let n = 0; n < perQuestion; n++) {
      for (let attempt = 0; attempt < 200; attempt++) {
        // A common alphabetic content word (frequency rank 1,000–20,000) unlike every word of the KB.
        const word = vectors.wordAt(1000 + Math.floor(random() * 19_000));
        if (!/^[a-z]{4,}$/.test(word) || isStopword(word)) continue;
        const [candidate] = readWords(word);
        if (!candidate || kbWords.some((w) => wordSimilarity(candidate, w) >= 0.3)) continue;
        // keep-common: the question's most common content word stays and the others become one
        // unrelated word ("Do you sell gift cards?" → "do you sell pizza?"); else the rarest is swapped.
        const common = [...words].sort((a, b) => a.rarity - b.rarity)[0];
        const keepCommon = process.env.SYNTH_MODE === 'keep-common' && words.length > 1;
        let placed = false;
        const swapped = tokenize(pair.question)
          .flatMap((t) => {
            if (keepCommon) {
              if (isStopword(t) || t === common?.word) return [t];
              if (placed) return [];
              placed = true;
              return [word];
            }
            return [t === rarest.word ? word : t];
          })
          .join(' ');
        out.push(`${swapped}?`);
        break;
      }
    }
  }
  return out;
}

function rowsOf(set: KbSet, seed: number): Row[] {
  const pairVectors = set.kb.map((p) => mixPairVector(embed(p.question), embed(p.answer), 0.7));
  const row = (query: string, expected: string | null, synthetic: boolean): Row => {
    const e = embed(query);
    const matches = set.kb
      .map((p, i) => ({
        id: String(i),
        question: p.question,
        answer: p.answer,
        category: 'general',
        similarity: dot(e, pairVectors[i] as Float32Array),
      }))
      .sort((a, b) => b.similarity - a.similarity);
    const ranked = rankMatches(matches, query, floor);
    const f = confidenceFeatures(ranked, floor);
    const answers = [...new Set(ranked.map((m) => m.answer))];
    const base = features.map((k) => f[k]);
    // EXTRA=bigram,qlen,alen,second: bench-only signals of the top pair, tried beside the model's.
    const top = ranked[0];
    const stems = (t: string) => readWords(t).map((w) => w.stem);
    for (const extra of (process.env.EXTRA ?? '').split(',').filter(Boolean)) {
      const q = stems(query);
      if (extra === 'bigram') {
        // Share of the query's adjacent content-word pairs that appear adjacent in the top pair.
        const pairStems = top ? stems(`${top.question} ${top.answer}`) : [];
        const held = new Set(pairStems.slice(1).map((w, i) => `${pairStems[i]} ${w}`));
        const grams = q.slice(1).map((w, i) => `${q[i]} ${w}`);
        base.push(grams.length ? grams.filter((g) => held.has(g)).length / grams.length : 0);
      } else if (extra === 'qlen') base.push(Math.min(q.length, 8) / 8);
      else if (extra === 'alen') base.push(top ? Math.min(stems(top.answer).length, 60) / 60 : 0);
      else if (extra === 'second') base.push(ranked.find((m) => m.answer !== top?.answer)?.cover ?? 0);
      else if (extra === 'pool') base.push(Math.log(1 + set.kb.length) / Math.log(1 + 100));
      else if (extra === 'poolm') base.push(f.margin * (Math.log(1 + set.kb.length) / Math.log(101)));
      else if (extra === 'miss') {
        // The most missed rare query word: max over query words of rarity × (1 − best match in the top pair).
        const pairWords = top ? readWords(`${top.question} ${top.answer}`) : [];
        let worst = 0;
        for (const w of readWords(query)) {
          let best = 0;
          for (const p of pairWords) best = Math.max(best, wordSimilarity(w, p));
          worst = Math.max(worst, (w.rarity / Math.log(50_002)) * (1 - best));
        }
        base.push(worst);
      } else if (extra === 'qexact') {
        // Share of the top pair's question stems the query has exactly.
        const qs = new Set(q);
        const tq = top ? stems(top.question) : [];
        base.push(tq.length ? tq.filter((w) => qs.has(w)).length / tq.length : 0);
      }
    }
    // INTERACT=1: every product of two features and each square too (a quadratic logistic model).
    const x = process.env.INTERACT
      ? [...base, ...base.flatMap((a, i) => base.slice(i).map((b) => a * b))]
      : base;
    return {
      x,
      y: expected !== null && answers[0]?.trim() === expected.trim() ? 1 : 0,
      expected,
      answers,
      synthetic,
    };
  };
  return [
    ...set.queries.map((q) => row(q.query, q.expected, false)),
    ...nearTopicGaps(set, synthPerQuestion, seed).map((q) => row(q, null, true)),
  ];
}

const predict = (m: LogisticModel, x: number[]) =>
  1 / (1 + Math.exp(-(m.bias + x.reduce((a, v, j) => a + v * (m.w[j] ?? 0), 0))));

/** What visitors and owners meet on real queries at the threshold (`clara eval`'s own summary). */
function outcome(m: LogisticModel, rows: Row[]) {
  const answered = (r: Row) => predict(m, r.x) >= threshold;
  const v = visitorSummary(
    rows
      .filter((r) => !r.synthetic)
      .map((r) => ({
        expected: r.expected,
        answers: r.answers,
        // Not answered: the best three distinct questions are offered as chips.
        chipAnswers: answered(r) ? [] : r.answers.slice(0, 3),
        gap: !answered(r),
        kind: answered(r) ? ('answer' as const) : ('clarify' as const),
      })),
  );
  const synthetic = rows.filter((r) => r.synthetic);
  return {
    ar: v.answered_right,
    ws: v.wrong_shown,
    oc: v.one_click,
    ip: v.inbox_precision,
    gr: v.gap_recall,
    // Share of the synthetic near-topic questions answered (lower is better).
    synth: synthetic.length ? synthetic.filter(answered).length / synthetic.length : 0,
  };
}

/**
 * A smaller knowledge base of the same business: a share of its pairs kept at random, and the
 * questions of the pairs left out become questions it cannot answer (near the topic, as
 * visitors ask them of a small knowledge base: "do you sell helmets?" of a bike shop that
 * lists only second-hand bikes).
 */
function subKb(set: KbSet, keep: number, seed: number): KbSet {
  const random = rng(seed);
  const kb = set.kb.filter(() => random() < keep);
  const kept = new Set(kb.map((p) => p.answer.trim()));
  const queries = set.queries.map((q) => ({
    ...q,
    expected: q.expected !== null && kept.has(q.expected.trim()) ? q.expected : null,
  }));
  return { name: `${set.name}/${kb.length}`, kb, queries };
}

// TRAIN=all: the training businesses are held out in turn as well (figures per group below).
const sets = [...smallbizSets(), ...devSets(), ...(process.env.TRAIN === 'all' ? trainSets() : [])];
// SUBKB=n: n smaller knowledge bases of each business (SUBKB_KEEP of its pairs, default 0.4) in the fit.
const subCount = Number(process.env.SUBKB ?? 0);
const subKeep = Number(process.env.SUBKB_KEEP ?? 0.4);
const all = sets.map((s, i) => ({
  name: s.name,
  rows: rowsOf(s, 1000 + i),
  sub: Array.from({ length: Math.max(subCount, 3) }, (_, k) =>
    rowsOf(subKb(s, subKeep, 7000 + 31 * i + k), 1),
  ),
}));
// TRAIN=1: the training businesses (train-kb/) join every fit; TRAIN=only: they are the whole fit.
const extra =
  process.env.TRAIN && process.env.TRAIN !== 'all'
    ? trainSets().map((s, i) => ({ name: s.name, rows: rowsOf(s, 5000 + i), sub: [] as Row[][] }))
    : [];
const nonNegative = features.flatMap((k, j) => (['top', 'margin'].includes(k) ? [j] : []));
// (interaction terms are left free)
const fit = (rows: Row[]) =>
  fitLogistic(
    rows.map((r) => r.x),
    rows.map((r) => r.y),
    nonNegative,
  );

const mean = { ar: 0, ws: 0, oc: 0, ip: 0, gr: 0, synth: 0 };
// The same figures on three smaller knowledge bases of the held-out business (never in its fit).
const small = { ar: 0, ws: 0, oc: 0, ip: 0, gr: 0 };
const perSet: { name: string; o: ReturnType<typeof outcome> }[] = [];
const training = (s: (typeof all)[number]) => [...s.rows, ...s.sub.slice(0, subCount).flat()];
for (const held of all) {
  const m = fit(
    (process.env.TRAIN === 'only' ? extra : [...all.filter((s) => s !== held), ...extra]).flatMap(training),
  );
  const o = outcome(m, held.rows);
  perSet.push({ name: held.name, o });
  for (const k of Object.keys(mean) as (keyof typeof mean)[]) mean[k] += o[k] / all.length;
  for (const rows of held.sub.slice(-3)) {
    const so = outcome(m, rows);
    for (const k of Object.keys(small) as (keyof typeof small)[]) small[k] += so[k] / (3 * all.length);
  }
  if (process.env.VERBOSE)
    console.log(
      held.name.padEnd(16),
      Object.entries(o)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join('  '),
    );
}
const m = fit([...(process.env.TRAIN === 'only' ? [] : all), ...extra].flatMap(training));
console.log(
  '  on smaller KBs of the held-out business:',
  Object.entries(small)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join('  '),
);
console.log(
  `${features.join(',')} synth=${synthPerQuestion}`.padEnd(48),
  Object.entries(mean)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join('  '),
  '| all-fit',
  m.bias.toFixed(3),
  m.w.map((v) => v.toFixed(3)).join(' '),
);
if (process.env.SHOW_SYNTH)
  for (const s of sets.slice(0, 1))
    console.log(nearTopicGaps(s, synthPerQuestion, 1000).slice(0, 20).join('\n'));
if (process.env.TRAIN === 'all') {
  const group = (label: string, xs: typeof perSet) =>
    console.log(
      `  mean over ${label} (${xs.length}):`,
      (['ar', 'ws', 'oc', 'ip', 'gr'] as const)
        .map((k) => `${k} ${(xs.reduce((a, x) => a + x.o[k], 0) / xs.length).toFixed(3)}`)
        .join('  '),
    );
  group('smallbiz-dev + dev', perSet.slice(0, 6));
  group('train-kb', perSet.slice(6));
}
