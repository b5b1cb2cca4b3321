import { ClaraError, type Embedder, embedPairs } from '@clara/core';
import { type AdminPair, insertQaPairs, type SqlExecutor } from '@clara/supabase';

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
