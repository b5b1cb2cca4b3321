/**
 * How much a knowledge base learns from its visitors: the smallbiz-dev sets (and the in-repo dev
 * sets) through the real `clara eval` path, before and after a round of visitor traffic whose
 * misses became phrasings the way the gap inbox makes them.
 *
 *   npx tsx bench/retrieval/learn-from-visitors.ts        (SETS=vet-clinic,demo: only those)
 *
 * Each answerable pair has several visitor wordings. Fold f holds out the f-th wording of every
 * pair (and every unanswerable query) for the test; the other wordings are the traffic, asked
 * first, each in its own session. A traffic turn that was not answered right becomes a phrasing of
 * the right pair (`metadata.phrasing_of`, as the inbox's "Add as a phrasing" and "Link" store it):
 * - `picks`: only when the visitor was offered the right question as a chip and picked it (the
 *   owner accepts the pick in one click);
 * - `picks + links`: also every other miss, which the owner links to the right pair from the inbox.
 * Unanswerable traffic is dismissed and teaches nothing. The test figures are `clara eval`'s,
 * averaged over the folds. Writes bench/results/learn-from-visitors.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createChatEngine, type Embedder, embedPairs } from '@clara/core';
import { createLocalEmbedder } from '@clara/core/embedding';
import { type EvalQuery, type EvalSummary, parseQaCsv, parseQueriesCsv, runEval } from '@clara/server/eval';
import {
  createPostgresChatStore,
  type Database,
  getPair,
  insertQaPairs,
  listPairs,
  migrate,
  openPglite,
} from '@clara/supabase';
import { smallbizDir, smallbizNames } from './kb-sets';

type Variant = 'none' | 'picks' | 'picks + links';
const variants: Variant[] = ['none', 'picks', 'picks + links'];
const figures = ['answered_right', 'wrong_shown', 'one_click', 'inbox_precision', 'gap_recall'] as const;

const norm = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');

/** Asks the traffic and stores each miss the variant learns from as a phrasing of the right pair. */
export async function learn(
  db: Database,
  embedder: Embedder,
  workspaceId: string,
  traffic: readonly EvalQuery[],
  variant: Variant,
): Promise<number> {
  const engine = createChatEngine({ store: createPostgresChatStore(db), embedder });
  const owned = (await listPairs(db, workspaceId, { active: 'true', page: 1, page_size: 10_000 })).items;
  const pairOfAnswer = new Map(owned.map((p) => [norm(p.answer), p]));
  const questionOfAnswer = new Map(owned.map((p) => [norm(p.answer), norm(p.question)]));
  let learned = 0;
  for (const q of traffic) {
    const expected = norm(q.expected_answer ?? '');
    const target = pairOfAnswer.get(expected);
    if (!target) continue;
    const { message } = await engine.turn({
      workspaceId,
      sessionToken: randomUUID(),
      messageId: randomUUID(),
      message: q.query,
    });
    if (message.role !== 'assistant') continue;
    const kind = message.reply_kind ?? (message.gap_detected ? 'gap' : 'answer');
    const topId = message.matched_qa_ids?.[0];
    const top = topId ? await getPair(db, workspaceId, topId) : null;
    if (kind === 'answer' && top && norm(top.answer) === expected) continue;
    const offered = (message.suggestion_chips ?? []).slice(0, 3).map(norm);
    const picked = kind !== 'answer' && offered.includes(questionOfAnswer.get(expected) ?? '');
    if (!picked && variant === 'picks') continue;
    const [embedding] = await embedPairs(embedder, [{ question: q.query, answer: target.answer }]);
    if (!embedding) continue;
    await insertQaPairs(db, workspaceId, [
      {
        question: q.query,
        answer: target.answer,
        category: target.category,
        embedding,
        source: 'manual',
        metadata: { embedding_model: embedder.id, phrasing_of: target.id },
      },
    ]);
    learned++;
  }
  return learned;
}

/** The folds of one set: the f-th wording of each answer for the test, the rest as traffic. */
export function folds(queries: readonly EvalQuery[]): { test: EvalQuery[]; traffic: EvalQuery[] }[] {
  const byAnswer = new Map<string, EvalQuery[]>();
  const unanswerable: EvalQuery[] = [];
  for (const q of queries) {
    const key = norm(q.expected_answer ?? '');
    if (!key) unanswerable.push(q);
    else byAnswer.set(key, [...(byAnswer.get(key) ?? []), q]);
  }
  const k = Math.min(...[...byAnswer.values()].map((v) => v.length));
  return Array.from({ length: k }, (_, f) => ({
    test: [...[...byAnswer.values()].flatMap((v) => v[f] ?? []), ...unanswerable],
    traffic: [...byAnswer.values()].flatMap((v) => v.filter((_, i) => i !== f)),
  }));
}

async function main(): Promise<void> {
  const embedder = createLocalEmbedder();
  const here = fileURLToPath(new URL('.', import.meta.url));
  const sets = [
    ...smallbizNames.map((n) => ({ name: n, dir: join(smallbizDir, n) })),
    ...['dental', 'demo'].map((n) => ({ name: n, dir: join(here, 'dev', n) })),
  ];
  const only = process.env.SETS?.split(',');
  const results: Record<string, Record<Variant, Record<string, number>>> = {};
  for (const set of sets.filter((s) => !only || only.includes(s.name))) {
    let kb: ReturnType<typeof parseQaCsv>;
    let queries: EvalQuery[];
    try {
      kb = parseQaCsv(readFileSync(join(set.dir, 'kb.csv'), 'utf8'));
      queries = parseQueriesCsv(readFileSync(join(set.dir, 'queries.csv'), 'utf8'));
    } catch {
      continue; // the shared data is not on this machine
    }
    const byVariant = {} as Record<Variant, Record<string, number>>;
    results[set.name] = byVariant;
    for (const variant of variants.filter(
      (v) => !process.env.VARIANTS || process.env.VARIANTS.split(',').includes(v),
    )) {
      const sums: Record<string, number> = { learned: 0 };
      const splits = folds(queries);
      for (const { test, traffic } of splits) {
        const db = await openPglite();
        try {
          await migrate(db);
          const summary: EvalSummary = await runEval({
            db,
            embedder,
            kb,
            queries: test,
            beforeAsking:
              variant === 'none'
                ? undefined
                : async ({ workspaceId }) => {
                    sums.learned =
                      (sums.learned ?? 0) + (await learn(db, embedder, workspaceId, traffic, variant));
                  },
          });
          for (const f of figures) sums[f] = (sums[f] ?? 0) + summary[f];
        } finally {
          await db.close();
        }
      }
      const mean = Object.fromEntries(
        Object.entries(sums).map(([k, v]) => [k, Math.round((v / splits.length) * 1000) / 1000]),
      );
      byVariant[variant] = mean;
      console.log(set.name, variant, JSON.stringify(mean));
    }
  }
  const outDir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'learn-from-visitors.json'), `${JSON.stringify(results, null, 2)}\n`);
  const rows = Object.entries(results).flatMap(([name, byVariant]) =>
    variants.flatMap((v) =>
      !byVariant[v]
        ? []
        : `| ${name} | ${v} | ${byVariant[v].learned ?? 0} | ${figures.map((f) => (byVariant[v][f] ?? 0).toFixed(3)).join(' | ')} |`,
    ),
  );
  console.log(
    [
      '| set | traffic taught | phrasings added (per fold) | answered right | wrong shown | one click | inbox precision | gap recall |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
