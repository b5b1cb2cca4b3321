import { ClaraError, type Embedder, embedPairs } from '@clara/core';
import { type AdminPair, getPair, insertQaPairs, listPhrasingsOf, type SqlExecutor } from '@clara/supabase';
import { sameWording } from './wording';

/** Embeds question + answer as a stored pair is embedded. */
export async function embedPair(embedder: Embedder, question: string, answer: string): Promise<Float32Array> {
  const [vector] = await embedPairs(embedder, [{ question, answer }]);
  if (!vector) throw new ClaraError('internal', 'The embedder returned no vector.');
  return vector;
}

/**
 * A visitor's wording becomes a new phrasing of `target`: a pair with that question and the
 * target's answer and category (`metadata.phrasing_of`), so the wording is answered from now on.
 */
export async function insertPhrasing(
  tx: SqlExecutor,
  workspaceId: string,
  input: { question: string; target: AdminPair; embedding: Float32Array; embedderId: string; gapId: string },
): Promise<string | null> {
  const [pairId] = await insertQaPairs(tx, workspaceId, [
    {
      question: input.question,
      answer: input.target.answer,
      category: input.target.category,
      embedding: input.embedding,
      source: 'manual',
      metadata: {
        embedding_model: input.embedderId,
        resolved_gap_id: input.gapId,
        phrasing_of: input.target.id,
      },
    },
  ]);
  return pairId ?? null;
}

/**
 * The pair a gap (or group) is linked to: any active pair of the owner's workspace, whether or
 * not the visitor was offered it. `not_found` for an id that is not this workspace's pair,
 * `conflict` for an archived one (its answer is not given, so linking would answer nothing).
 * A phrasing is resolved to the pair it is a phrasing of, so wordings gather on that pair.
 */
export async function linkTarget(tx: SqlExecutor, workspaceId: string, qaId: string): Promise<AdminPair> {
  const pair = await getPair(tx, workspaceId, qaId);
  if (!pair) throw new ClaraError('not_found', 'No Q&A pair of this workspace has this id.');
  if (!pair.is_active) {
    throw new ClaraError(
      'conflict',
      `The pair “${pair.question}” is archived: restore it first, or link to an active pair.`,
    );
  }
  // A phrasing found in the knowledge base stands for the pair it phrases (while that is active).
  const root = pair.phrasing_of ? await getPair(tx, workspaceId, pair.phrasing_of.id) : null;
  return root?.is_active ? root : pair;
}

/**
 * Whether the visitor's wording is new for `target`: not its question, nor one of its active
 * phrasings (case, spacing and punctuation aside), so linking adds no duplicate phrasing.
 */
export async function isNewWording(
  tx: SqlExecutor,
  workspaceId: string,
  question: string,
  target: AdminPair,
): Promise<boolean> {
  if (sameWording(question, target.question)) return false;
  const phrasings = await listPhrasingsOf(tx, workspaceId, target.id);
  return !phrasings.some((p) => sameWording(p.question, question));
}
