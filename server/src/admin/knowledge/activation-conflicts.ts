import type { Embedder } from '@clara/core';
import { getPair, nearDuplicate, type SqlExecutor } from '@clara/supabase';

/** One pair a bulk Activate would make a second active copy of a question, and what it copies. */
export interface ActivationConflict {
  id: string;
  question: string;
  duplicate: { id: string; question: string; similarity: number; active: boolean };
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const rounded = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * The inactive pairs among `ids` that activating them would duplicate, by Restore's rule (the
 * 0.95 question similarity of Add pair): against the active pairs, and against the other pairs
 * of the same batch (the later of two near-identical inactive pairs is the conflict). Locks the
 * pairs it reads; ids that are not the workspace's are left to the caller's count check.
 */
export async function activationConflicts(
  tx: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
  embedder: Embedder,
): Promise<ActivationConflict[]> {
  const inactive: { id: string; question: string }[] = [];
  for (const id of ids) {
    const pair = await getPair(tx, workspaceId, id, { lock: true });
    if (pair && !pair.is_active) inactive.push({ id: pair.id, question: pair.question });
  }
  if (inactive.length === 0) return [];
  const vectors = await embedder.embed(inactive.map((p) => p.question));
  const conflicts: ActivationConflict[] = [];
  for (const [i, pair] of inactive.entries()) {
    const vector = vectors[i];
    if (!vector) continue;
    const similarity = async (questions: string[]) =>
      (await embedder.embed(questions)).map((v) => dot(v, vector));
    const active = await nearDuplicate(tx, workspaceId, vector, similarity, pair.id);
    if (active) {
      conflicts.push({
        ...pair,
        duplicate: {
          id: active.id,
          question: active.question,
          similarity: rounded(active.similarity),
          active: true,
        },
      });
      continue;
    }
    for (let j = 0; j < i; j++) {
      const other = inactive[j];
      const otherVector = vectors[j];
      if (!other || !otherVector) continue;
      const s = dot(vector, otherVector);
      if (s > 0.95) {
        conflicts.push({
          ...pair,
          duplicate: { id: other.id, question: other.question, similarity: rounded(s), active: false },
        });
        break;
      }
    }
  }
  return conflicts;
}

/** The owner-facing sentence naming each conflict, for the 409's `error.message`. */
export function activationConflictMessage(conflicts: readonly ActivationConflict[]): string {
  const named = conflicts.map((c) =>
    c.duplicate.active
      ? `"${c.question}" duplicates the active pair "${c.duplicate.question}" (${Math.round(c.duplicate.similarity * 100)}% similar)`
      : `"${c.question}" duplicates "${c.duplicate.question}", also selected (${Math.round(c.duplicate.similarity * 100)}% similar)`,
  );
  return `Nothing was activated: that would make two active copies of one question. ${named.join('; ')}. Edit or deactivate the other pair first, or activate one of them only.`;
}
