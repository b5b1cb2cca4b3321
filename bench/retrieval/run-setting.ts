/** Runs one setting's queries through a retriever the way the chat engine does: top matches → confidence. */

import type { QaMatch } from '@clara/core';
import { rankMatches } from '@clara/core/engine';
import { answerOf, type Query, type Row } from './data';
import type { Retriever } from './search';

export interface RunResult {
  query: Query;
  matches: QaMatch[];
  /** Categories of the top `depth` hits, for recall@5 and MRR. */
  ranked: string[];
  latencyMs: number;
}

export interface RunOptions {
  /** Only matches above this similarity go to the confidence model (the engine's `searchThreshold`). */
  floor: number;
  /** Maps a raw retriever score onto the similarity scale the confidence model reads. */
  scale?: (score: number) => number;
  depth?: number;
  /** Re-rank the matches as the engine does (`rankMatches`); the margin then reads the whole pool. */
  rerank?: boolean;
}

/** Retrieves for every query; the KB row's category doubles as its answer text. */
export function runSetting(
  retriever: Retriever,
  kb: readonly Row[],
  queries: readonly Query[],
  options: RunOptions,
): RunResult[] {
  const scale = options.scale ?? ((s: number) => s);
  const depth = options.depth ?? 20;
  return queries.map((query) => {
    const t0 = performance.now();
    const hits = retriever.search(query.text, depth);
    const latencyMs = performance.now() - t0;
    const all: QaMatch[] = hits.map((h) => {
      const row = kb[h.index] as Row;
      return {
        id: String(h.index),
        question: row.text,
        // With re-ranking the answer text is read (alignment): the one the pair was embedded with.
        answer: options.rerank ? answerOf(row.category) : row.category,
        category: row.category,
        similarity: scale(h.score),
      };
    });
    if (options.rerank) {
      const matches = rankMatches(all, query.text, options.floor);
      const inPool = new Set(matches.map((m) => m.id));
      const ranked = [...matches, ...all.filter((m) => !inPool.has(m.id))].map((m) => m.category);
      return { query, matches, ranked, latencyMs: performance.now() - t0 };
    }
    const matches = all.filter((m) => m.similarity > options.floor).slice(0, 5);
    return { query, matches, ranked: hits.map((h) => (kb[h.index] as Row).category), latencyMs };
  });
}

/** Squashes MiniSearch BM25 scores into [0, 1) so the same feature code applies. */
export const bm25Scale = (s: number) => s / (s + 10);
