/**
 * Realistic vector workloads for the index study: BANKING77 train questions grown by light
 * perturbations, embedded by Clara's own embedder with the stored-pair recipe (question +
 * answer), spread over one or many workspaces exactly as an import would store them.
 */
import { createLocalEmbedder, embedPairs } from '@clara/core';
import { insertQaPairs, type SqlExecutor } from '@clara/supabase';
import { rng, shuffle } from '../retrieval/data';
import { answerFor, bankingSplits } from './banking77';
import { perturb } from './perturb';

export interface Corpus {
  workspaces: string[];
  /** Seconds spent embedding and inserting. */
  loadSeconds: number;
}

/** `total` pairs dealt as evenly as possible over `count` workspaces. */
export function evenSizes(total: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(total / count) + (i < total % count ? 1 : 0));
}

/**
 * Loads one workspace per entry of `sizes` (made by `createWorkspace`) holding that many pairs,
 * 1,000 rows per statement. Row i is variant ⌊i / train⌋ of train question i mod train; rows are
 * dealt to workspaces after a seeded shuffle, so each tenant holds a mix of intents and variants.
 */
export async function loadCorpus(
  db: SqlExecutor,
  createWorkspace: () => Promise<string>,
  sizes: readonly number[],
  onProgress: (done: number) => void = () => {},
): Promise<Corpus> {
  const t0 = performance.now();
  const embedder = createLocalEmbedder();
  const { train } = bankingSplits();
  const workspaces: string[] = [];
  for (let w = 0; w < sizes.length; w++) workspaces.push(await createWorkspace());
  const total = sizes.reduce((a, b) => a + b, 0);
  const order = shuffle(
    Array.from({ length: total }, (_, i) => i),
    77,
  );
  let done = 0;
  let from = 0;
  for (let w = 0; w < sizes.length; w++) {
    const mine = order.slice(from, from + (sizes[w] ?? 0));
    from += mine.length;
    for (let start = 0; start < mine.length; start += 1000) {
      const batch = mine.slice(start, start + 1000).map((i) => {
        const row = train[i % train.length];
        const category = row?.category ?? 'general';
        return {
          question: perturb(row?.text ?? 'hello', Math.floor(i / train.length)),
          answer: answerFor(category),
          category,
        };
      });
      const vectors = await embedPairs(embedder, batch);
      await insertQaPairs(
        db,
        workspaces[w] as string,
        batch.map((b, j) => ({
          ...b,
          embedding: vectors[j] ?? new Float32Array(1536),
          source: 'manual',
          metadata: {},
        })),
      );
      done += batch.length;
      onProgress(done);
    }
  }
  return { workspaces, loadSeconds: (performance.now() - t0) / 1000 };
}

/** `count` visitor questions (BANKING77 test split), each aimed at a seeded random workspace. */
export async function corpusQueries(
  workspaces: readonly string[],
  count: number,
): Promise<{ workspaceId: string; text: string; vector: Float32Array }[]> {
  const { test } = bankingSplits();
  const pick = rng(2026);
  const texts = shuffle(
    test.map((r) => r.text),
    11,
  ).slice(0, count);
  const vectors = await createLocalEmbedder().embed(texts);
  return texts.map((text, i) => ({
    text,
    workspaceId: workspaces[Math.floor(pick() * workspaces.length)] as string,
    vector: vectors[i] ?? new Float32Array(1536),
  }));
}
