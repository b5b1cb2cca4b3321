import {
  dismissGapGroupSchema,
  type GapGroupList,
  linkGapGroupSchema,
  listGapGroupsQuerySchema,
} from '@clara/contract';
import { ClaraError } from '@clara/core';
import {
  activePairsWithQuestion,
  closeGaps,
  gapCounts,
  gapQuestions,
  getPair,
  listInboxGaps,
  lockOpenGaps,
} from '@clara/supabase';
import type Router from '@koa/router';
import { validate, validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import type { AdminDeps } from '../deps';
import { ownerRun } from '../owner-scope';
import { embedAnswer, saveGapAnswer } from './gap-answer';
import { gapGroupSimilarity, groupGaps } from './gap-groups';
import { embedPair, insertPhrasing } from './gap-phrasing';
import { resolveGapGroupSchema } from './gap-schemas';

const asWording = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
const sameWording = (a: string, b: string) => asWording(a) === asWording(b);

/**
 * The grouped inbox: open gaps grouped by meaning (the local embedder's vectors), and actions
 * on a whole group: answer once (the pair already holding the question gets the answer), link to an existing pair, dismiss. Each takes the group's gap
 * ids (the owner may leave some out) and fails as a whole (409) if one was closed meanwhile.
 */
export function registerGapGroupRoutes(router: Router, { db, embedder }: Pick<AdminDeps, 'db' | 'embedder'>) {
  router.get('/gaps/groups', async (ctx) => {
    const query = validate(listGapGroupsQuerySchema, ctx.query);
    const { gaps, counts } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({
      gaps: await listInboxGaps(tx, ws, query.limit),
      counts: await gapCounts(tx, ws),
    }));
    const vectors = await embedder.embed(gaps.map((g) => g.question));
    ctx.body = wire<GapGroupList>()({
      groups: groupGaps(gaps, vectors),
      counts,
      similarity: gapGroupSimilarity,
    });
  });

  router.post('/gaps/groups/resolve', async (ctx) => {
    const body = await validatedBody(ctx, resolveGapGroupSchema);
    const run = ownerRun(ctx, db);
    const { wordings, existing } = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      const gaps = await gapQuestions(tx, ws, body.gap_ids);
      const q = body.question ?? gaps[0]?.question ?? '';
      return { wordings: gaps, existing: await activePairsWithQuestion(tx, ws, q) };
    });
    const question = body.question ?? wordings[0]?.question ?? '';
    const others = body.phrasings ? wordings.filter((w) => !sameWording(w.question, question)) : [];
    const answer = { question, answer: body.answer, category: body.category };
    const vectors = await embedAnswer(embedder, answer, existing);
    const phrasingVectors = await Promise.all(
      others.map((w) => embedPair(embedder, w.question, body.answer)),
    );
    ctx.body = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      // The question already a pair's: that pair gets the new answer (no duplicate).
      const { pair, updated } = await saveGapAnswer(tx, ws, {
        ...answer,
        vectors,
        embedderId: embedder.id,
        metadata: { resolved_gap_ids: body.gap_ids },
      });
      const phrasings: string[] = [];
      for (const [i, w] of others.entries()) {
        const id = await insertPhrasing(tx, ws, {
          question: w.question,
          target: pair,
          embedding: phrasingVectors[i] as Float32Array,
          embedderId: embedder.id,
          gapId: w.id,
        });
        if (id) phrasings.push(id);
      }
      const resolved = await closeGaps(tx, ws, body.gap_ids, 'resolved', pair.id);
      return { pair, phrasings: phrasings.length, resolved, updated_existing: updated };
    });
  });

  router.post('/gaps/groups/link', async (ctx) => {
    const body = await validatedBody(ctx, linkGapGroupSchema);
    const run = ownerRun(ctx, db);
    const { wordings, target } = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      return {
        wordings: await gapQuestions(tx, ws, body.gap_ids),
        target: await getPair(tx, ws, body.qa_id),
      };
    });
    if (!target) throw new ClaraError('not_found', 'No Q&A pair has this id.');
    const others = wordings.filter((w) => !sameWording(w.question, target.question));
    const vectors = await Promise.all(others.map((w) => embedPair(embedder, w.question, target.answer)));
    ctx.body = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      const current = await getPair(tx, ws, body.qa_id);
      if (!current) throw new ClaraError('not_found', 'No Q&A pair has this id.');
      let phrasings = 0;
      for (const [i, w] of others.entries()) {
        const id = await insertPhrasing(tx, ws, {
          question: w.question,
          target: current,
          embedding: vectors[i] as Float32Array,
          embedderId: embedder.id,
          gapId: w.id,
        });
        if (id) phrasings += 1;
      }
      return {
        pair: current,
        phrasings,
        resolved: await closeGaps(tx, ws, body.gap_ids, 'resolved', current.id),
      };
    });
  });

  router.post('/gaps/groups/dismiss', async (ctx) => {
    const body = await validatedBody(ctx, dismissGapGroupSchema);
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      return { dismissed: await closeGaps(tx, ws, body.gap_ids, 'dismissed', null) };
    });
  });
}
