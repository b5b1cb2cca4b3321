import { ClaraError, type Embedder } from '@clara/core';
import {
  type AdminPair,
  activePairsWithQuestion,
  getPair,
  insertQaPairs,
  phrasingsOf,
  type SqlExecutor,
  updatePair,
} from '@clara/supabase';
import { carryToPhrasings } from '../../knowledge/phrasing-copies';
import { embedPair } from './gap-phrasing';

/** The owner's answer to a gap (or a group of gaps), before it is written. */
export interface GapAnswer {
  question: string;
  answer: string;
  category: string;
}

/** Stored vectors of the answer, by question text: the question's own and each existing pair's. */
export type AnswerVectors = Map<string, Float32Array>;

/**
 * Before the transaction: the active pairs that already have the question, and the visitors'
 * wordings linked to them (phrasings answer with their own copy of the pair's answer, so a new
 * answer is written to them too): every question `embedAnswer` must embed.
 */
export async function questionsToAnswer(
  tx: SqlExecutor,
  workspaceId: string,
  question: string,
): Promise<{ question: string }[]> {
  const existing = await activePairsWithQuestion(tx, workspaceId, question);
  const phrasings: { question: string }[] = [];
  for (const p of existing) phrasings.push(...(await phrasingsOf(tx, workspaceId, p.id)));
  return [...existing, ...phrasings];
}

/**
 * Embeds the answer with the question, and with the question of each active pair that already
 * holds it (`existing`, read before the transaction: it may differ in case, accents, punctuation or
 * spelling, see `questionKey`), as every
 * writer embeds a pair (question + answer, `embedPairs`).
 */
export async function embedAnswer(
  embedder: Embedder,
  input: GapAnswer,
  existing: readonly { question: string }[],
): Promise<AnswerVectors> {
  const vectors: AnswerVectors = new Map();
  for (const text of new Set([input.question, ...existing.map((p) => p.question)])) {
    vectors.set(text, await embedPair(embedder, text, input.answer));
  }
  return vectors;
}

/**
 * Writes the owner's answer inside the resolving transaction. When active pairs of the workspace
 * already have this question (the same `questionKey`: case, accents, punctuation, wi-fi / wifi), their answer is updated and
 * re-embedded (the first, the owner's oldest, is the pair the gaps are resolved with) instead of
 * adding a duplicate the chat would not answer from; otherwise a new manual pair is inserted.
 * `conflict` when such a pair appeared or changed its question after `vectors` were made.
 */
export async function saveGapAnswer(
  tx: SqlExecutor,
  workspaceId: string,
  input: GapAnswer & { vectors: AnswerVectors; embedderId: string; metadata: Record<string, unknown> },
): Promise<{ pair: AdminPair; updated: boolean }> {
  const vectorOf = (question: string) => {
    const vector = input.vectors.get(question);
    if (!vector) {
      throw new ClaraError('conflict', 'The knowledge base changed while you answered; try again.');
    }
    return vector;
  };
  const existing = await activePairsWithQuestion(tx, workspaceId, input.question, {
    forUpdate: true,
  });
  if (existing.length > 0) {
    const vectors = existing.map((p) => vectorOf(p.question));
    const updated: AdminPair[] = [];
    for (const [i, p] of existing.entries()) {
      const pair = await updatePair(tx, workspaceId, p.id, {
        answer: input.answer,
        embedding: { vector: vectors[i] as Float32Array, model: input.embedderId },
      });
      if (pair) updated.push(pair);
      // Its phrasings (visitors' wordings linked from the inbox) answer with the new answer too.
      await carryToPhrasings(
        tx,
        workspaceId,
        p.id,
        { answer: input.answer },
        { vectors: input.vectors, model: input.embedderId },
      );
    }
    const [first] = updated;
    if (!first) throw new ClaraError('internal', 'The pair was not updated.');
    return { pair: first, updated: true };
  }
  const [id] = await insertQaPairs(tx, workspaceId, [
    {
      question: input.question,
      answer: input.answer,
      category: input.category,
      embedding: vectorOf(input.question),
      source: 'manual',
      metadata: { embedding_model: input.embedderId, ...input.metadata },
    },
  ]);
  const pair = id ? await getPair(tx, workspaceId, id) : null;
  if (!pair) throw new ClaraError('internal', 'The pair was not created.');
  return { pair, updated: false };
}
