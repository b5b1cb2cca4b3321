import type { AdminPair } from '@clara/contract';
import { ClaraError, embedPairs, type QaMatch } from '@clara/core';
import {
  bulkUpdate,
  categorySpeller,
  getPair,
  insertQaPairs,
  listCategories,
  listPairs,
  nearDuplicate,
  pairEditedAt,
  phrasingsOf,
  recategorisePhrasingsOf,
  type AdminPair as StoredPair,
  updatePair,
} from '@clara/supabase';
import type { Context } from 'koa';
import { validate, validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import { carryToPhrasings, embedPhrasings } from '../../knowledge/phrasing-copies';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import { activationConflictMessage, activationConflicts } from './activation-conflicts';
import {
  bulkSchema,
  checkDuplicateSchema,
  createPairSchema,
  listPairsQuerySchema,
  updatePairSchema,
} from './knowledge-schemas';
import { searchWords } from './search-words';

const shownDuplicate = (m: QaMatch) => ({
  id: m.id,
  question: m.question,
  answer: m.answer,
  category: m.category,
  similarity: Math.round(m.similarity * 10_000) / 10_000,
});

/** 409 with the usual error body plus the near-duplicate, so the admin can show it. */
function duplicateConflict(ctx: Context, duplicate: QaMatch): void {
  ctx.status = 409;
  ctx.body = {
    error: {
      code: 'conflict',
      message: `A very similar question is already in the knowledge base: "${duplicate.question}". Save anyway to keep both.`,
    },
    duplicate: shownDuplicate(duplicate),
  };
}

/** 409 for restoring a pair whose question an active pair now has, naming that pair. */
function restoreConflict(ctx: Context, duplicate: QaMatch): void {
  ctx.status = 409;
  ctx.body = {
    error: {
      code: 'conflict',
      message: `This looks like a duplicate (${Math.round(duplicate.similarity * 100)}% similar) of an active pair: "${duplicate.question}". Edit or deactivate that pair first, then restore this one.`,
    },
    duplicate: shownDuplicate(duplicate),
  };
}

/**
 * True when the owner changed the pair's text or category after the version the editor loaded
 * (`editedAt`: `pairEditedAt`; `expected`: the pair's `updated_at` as loaded; none: not checked).
 * Not `updated_at` itself: background work (augmentation marks, the search-text backfill,
 * re-embedding) and (de)activating bump it too, and saving over those loses nothing. An edit
 * writes `edited_at` equal to its version's `updated_at`, so the version loaded is never "later";
 * both are compared at the millisecond the API shows.
 */
const changedSince = (editedAt: Date | null, expected: string | undefined) =>
  expected !== undefined && editedAt !== null && editedAt.getTime() > Date.parse(expected);

/** 409 for an edit of an older version, with the pair as it is now for the editor to reload. */
function staleConflict(ctx: Context, current: StoredPair): void {
  ctx.status = 409;
  ctx.body = {
    error: {
      code: 'conflict',
      message:
        'This pair was changed since you opened it (in another tab or by someone else). Load its current text, then make your change again.',
    },
    current,
  };
}

/** Knowledge base: list/search/filter, create and edit with the 0.95 dedup rule, soft delete, bulk. */
export const registerKnowledgeRoutes: RegisterRoutes = (router, { db, embedder }) => {
  const embedOne = async (text: string) => {
    const [vector] = await embedder.embed([text]);
    if (!vector) throw new ClaraError('internal', 'The embedder returned no vector.');
    return vector;
  };
  /** The stored vector of a pair (question + answer, as import embeds it). */
  const embedPair = async (question: string, answer: string) => {
    const [vector] = await embedPairs(embedder, [{ question, answer }]);
    if (!vector) throw new ClaraError('internal', 'The embedder returned no vector.');
    return vector;
  };
  /** Cosine of each candidate question with `vector` (the new question's): dedup compares questions. */
  const questionSimilarity = (vector: Float32Array) => async (questions: string[]) =>
    (await embedder.embed(questions)).map((v) => v.reduce((s, x, i) => s + x * (vector[i] ?? 0), 0));

  router.get('/knowledge', async (ctx) => {
    const query = validate(listPairsQuerySchema, ctx.query);
    const words = query.match === 'words' && query.q ? searchWords(query.q) : undefined;
    const { items, total, phrasings } = await ownerRun(
      ctx,
      db,
    )((tx, ws) => listPairs(tx, ws, { ...query, words }));
    // `total` counts the phrasings listed too; `phrasings` says how many of them there are.
    ctx.body = wire<{ items: AdminPair[]; total: number; phrasings: number }>()({
      items,
      total,
      phrasings,
      page: query.page,
      page_size: query.page_size,
    });
  });

  router.get('/knowledge/categories', async (ctx) => {
    const { all, inUse } = await ownerRun(ctx, db)((tx, ws) => listCategories(tx, ws));
    ctx.body = { categories: all, in_use: inUse };
  });

  router.post('/knowledge/check-duplicate', async (ctx) => {
    const body = await validatedBody(ctx, checkDuplicateSchema);
    const embedding = await embedOne(body.question);
    const duplicate = await ownerRun(
      ctx,
      db,
    )((tx, ws) => nearDuplicate(tx, ws, embedding, questionSimilarity(embedding), body.exclude_id));
    ctx.body = { duplicate: duplicate ? shownDuplicate(duplicate) : null };
  });

  router.post('/knowledge/bulk', async (ctx) => {
    const body = await validatedBody(ctx, bulkSchema, 256 * 1024);
    const ids = [...new Set(body.ids)];
    const result = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      // Activate is refused as Restore is: never two active copies of one question.
      if (body.action === 'activate') {
        const conflicts = await activationConflicts(tx, ws, ids, embedder);
        if (conflicts.length > 0) return { conflicts, updated: 0 };
      }
      // The category as the workspace's other pairs spell it ("Pricing" joins `pricing`); moving
      // every pair of a category to a new spelling of it renames it.
      const set =
        body.action === 'recategorise'
          ? { category: (await categorySpeller(tx, ws, ids))(body.category) }
          : { is_active: body.action === 'activate' };
      const n = await bulkUpdate(tx, ws, ids, set);
      // All or nothing: an id that is not this owner's rolls the whole change back.
      if (n !== ids.length) throw new ClaraError('not_found', 'Some of these Q&A pairs do not exist.');
      // Phrasings hold a copy of their pair's category.
      if (set.category !== undefined) await recategorisePhrasingsOf(tx, ws, ids, set.category);
      return { conflicts: [], updated: n };
    });
    if (result.conflicts.length > 0) {
      ctx.status = 409;
      ctx.body = {
        error: { code: 'conflict', message: activationConflictMessage(result.conflicts) },
        conflicts: result.conflicts,
      };
      return;
    }
    ctx.body = { updated: result.updated };
  });

  router.post('/knowledge', async (ctx) => {
    const body = await validatedBody(ctx, createPairSchema);
    const questionVector = await embedOne(body.question);
    const embedding = await embedPair(body.question, body.answer);
    const result = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const duplicate = await nearDuplicate(tx, ws, questionVector, questionSimilarity(questionVector));
      if (duplicate && !body.allow_duplicate) return { duplicate, pair: null };
      const [id] = await insertQaPairs(tx, ws, [
        { ...body, embedding, source: 'manual', metadata: { embedding_model: embedder.id } },
      ]);
      return { duplicate, pair: id ? await getPair(tx, ws, id) : null };
    });
    if (!result.pair && result.duplicate) return duplicateConflict(ctx, result.duplicate);
    ctx.status = 201;
    ctx.body = { pair: result.pair, duplicate: result.duplicate ? shownDuplicate(result.duplicate) : null };
  });

  router.get('/knowledge/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'Q&A pair');
    const pair = await ownerRun(ctx, db)((tx, ws) => getPair(tx, ws, id));
    if (!pair) throw new ClaraError('not_found', 'No Q&A pair has this id.');
    ctx.body = { pair };
  });

  router.patch('/knowledge/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'Q&A pair');
    const { expected_updated_at: expected, ...body } = await validatedBody(ctx, updatePairSchema);
    const [before, editedAt] = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => [await getPair(tx, ws, id), await pairEditedAt(tx, ws, id)] as const);
    if (!before) throw new ClaraError('not_found', 'No Q&A pair has this id.');
    if (changedSince(editedAt, expected)) return staleConflict(ctx, before);
    const question = body.question ?? before.question;
    const answer = body.answer ?? before.answer;
    // The stored vector mixes question and answer: a change to either re-embeds the pair.
    const reembed = question !== before.question || answer !== before.answer;
    const questionVector =
      body.question !== undefined && body.question !== before.question ? await embedOne(question) : undefined;
    const embedding = reembed ? await embedPair(question, answer) : undefined;
    // The visitors' wordings kept as phrasings answer with their own copy of the answer: re-embedded with the new one.
    const newAnswer = answer !== before.answer ? answer : undefined;
    const phrasingVectors =
      newAnswer === undefined
        ? undefined
        : await embedPhrasings(
            embedder,
            await ownerRun(ctx, db)((tx, ws) => phrasingsOf(tx, ws, id)),
            newAnswer,
          );
    const result = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      // Locked until the edit commits: no other edit lands between this check and the write.
      const current = await getPair(tx, ws, id, { lock: true });
      if (!current) throw new ClaraError('not_found', 'No Q&A pair has this id.');
      if (changedSince(await pairEditedAt(tx, ws, id), expected)) {
        return { duplicate: null, pair: null, stale: current };
      }
      if (current.question !== before.question || current.answer !== before.answer) {
        throw new ClaraError('conflict', 'This Q&A pair changed while you edited it; reload and try again.');
      }
      const duplicate = questionVector
        ? await nearDuplicate(tx, ws, questionVector, questionSimilarity(questionVector), id)
        : null;
      if (duplicate && !body.allow_duplicate) return { duplicate, pair: null };
      const pair = await updatePair(tx, ws, id, {
        ...body,
        embedding: embedding ? { vector: embedding, model: embedder.id } : undefined,
      });
      // As stored: the workspace's spelling of the category (`updatePair`).
      const category = pair && pair.category !== current.category ? pair.category : undefined;
      await carryToPhrasings(
        tx,
        ws,
        id,
        { answer: newAnswer, category },
        phrasingVectors && { vectors: phrasingVectors, model: embedder.id },
      );
      return { duplicate, pair };
    });
    if ('stale' in result && result.stale) return staleConflict(ctx, result.stale);
    if (!result.pair && result.duplicate) return duplicateConflict(ctx, result.duplicate);
    ctx.body = { pair: result.pair, duplicate: result.duplicate ? shownDuplicate(result.duplicate) : null };
  });

  router.delete('/knowledge/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'Q&A pair');
    const pair = await ownerRun(ctx, db)((tx, ws) => updatePair(tx, ws, id, { is_active: false }));
    if (!pair) throw new ClaraError('not_found', 'No Q&A pair has this id.');
    ctx.body = { pair };
  });

  // The undo of the soft delete: refused, as adding the pair would be, when an active pair now has
  // its question (the 0.95 dedup rule), so restoring never makes two active copies of one question.
  router.post('/knowledge/:id/restore', async (ctx) => {
    const id = idParam(ctx.params.id, 'Q&A pair');
    const before = await ownerRun(ctx, db)((tx, ws) => getPair(tx, ws, id));
    if (!before) throw new ClaraError('not_found', 'No Q&A pair has this id.');
    const questionVector = before.is_active ? undefined : await embedOne(before.question);
    const result = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const current = await getPair(tx, ws, id, { lock: true });
      if (!current) throw new ClaraError('not_found', 'No Q&A pair has this id.');
      if (current.is_active) return { pair: current, duplicate: null };
      if (current.question !== before.question)
        throw new ClaraError('conflict', 'This Q&A pair changed meanwhile; reload and try again.');
      const duplicate = questionVector
        ? await nearDuplicate(tx, ws, questionVector, questionSimilarity(questionVector), id)
        : null;
      if (duplicate) return { pair: null, duplicate };
      return { pair: await updatePair(tx, ws, id, { is_active: true }), duplicate: null };
    });
    if (result.duplicate) return restoreConflict(ctx, result.duplicate);
    if (!result.pair) throw new ClaraError('not_found', 'No Q&A pair has this id.');
    ctx.body = { pair: result.pair };
  });
};
