import type { Embedder, QaMatch } from '@clara/core';
import { type SqlExecutor, searchQaPairs } from '@clara/supabase';

/** The seed's transcript-extraction overlap threshold (SCHEMA.md: 0.85). */
export const overlapThreshold = 0.85;

/** The existing pair a proposal overlaps. */
export interface Overlap {
  id: string;
  question: string;
  answer: string;
  similarity: number;
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

/**
 * For each question, the active pair it overlaps (question cosine above 0.85), or null. Uses the
 * same scale as the 0.95 dedup check of the knowledge routes: stored vectors mix question and
 * answer, so the ten nearest pairs are re-scored on their questions alone.
 */
export async function findOverlaps(
  sql: SqlExecutor,
  workspaceId: string,
  embedder: Embedder,
  questions: readonly string[],
  threshold = overlapThreshold,
): Promise<(Overlap | null)[]> {
  if (questions.length === 0) return [];
  const vectors = await embedder.embed([...questions]);
  const nearest: QaMatch[][] = [];
  for (const vector of vectors)
    nearest.push(await searchQaPairs(sql, workspaceId, vector, { threshold: 0, count: 10 }));
  const texts = [...new Set(nearest.flat().map((m) => m.question))];
  const textVectors = new Map(texts.map((t, i) => [t, i]));
  const embedded = texts.length > 0 ? await embedder.embed(texts) : [];
  return vectors.map((vector, i) => {
    let best: Overlap | null = null;
    for (const m of nearest[i] ?? []) {
      const v = embedded[textVectors.get(m.question) ?? -1];
      const similarity = v ? dot(vector, v) : 0;
      if (similarity > threshold && (!best || similarity > best.similarity)) {
        best = {
          id: m.id,
          question: m.question,
          answer: m.answer,
          similarity: Math.round(similarity * 10_000) / 10_000,
        };
      }
    }
    return best;
  });
}

/** Indexes of questions that repeat an earlier one of the same list (cosine above 0.95). */
export async function repeatedWithin(embedder: Embedder, questions: readonly string[]): Promise<Set<number>> {
  const vectors = await embedder.embed([...questions]);
  const repeated = new Set<number>();
  vectors.forEach((v, i) => {
    for (let j = 0; j < i; j++) {
      const w = vectors[j];
      if (!repeated.has(j) && w && dot(v, w) > 0.95) {
        repeated.add(i);
        return;
      }
    }
  });
  return repeated;
}
