import { type GapList, linkGapSchema, listGapChoicesQuerySchema, listGapsQuerySchema } from '@clara/contract';
import {
  closeGap,
  gapCounts,
  getPair,
  listAdminGaps,
  listGapChoices,
  openGapForUpdate,
  reopenGap,
} from '@clara/supabase';
import { validate, validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import { embedAnswer, questionsToAnswer, saveGapAnswer } from './gap-answer';
import { registerGapChoiceRoutes } from './gap-choice-routes';
import { registerGapGroupRoutes } from './gap-group-routes';
import { embedPair, insertPhrasing, isNewWording, linkTarget } from './gap-phrasing';
import { resolveGapSchema } from './gap-schemas';
import { sameWording } from './wording';

/**
 * The gap inbox: list, answer (a new pair, or the new answer of the pair holding that question), point to an existing pair, dismiss (and reopen); and the
 * visitors' choices (gaps a visitor answered by picking a "Did you mean…?" question).
 */
export const registerGapRoutes: RegisterRoutes = (router, { db, embedder, store }) => {
  const embedOne = (question: string, answer: string) => embedPair(embedder, question, answer);
  // Before the `/gaps/:id/…` routes: `/gaps/groups/resolve` is not a gap id.
  registerGapGroupRoutes(router, { db, embedder, store });
  registerGapChoiceRoutes(router, { db, embedder });

  router.get('/gaps', async (ctx) => {
    const query = validate(listGapsQuerySchema, ctx.query);
    ctx.body = wire<GapList>()(
      await ownerRun(
        ctx,
        db,
      )(async (tx, ws) => ({
        items: await listAdminGaps(tx, ws, query.status, query.limit),
        counts: await gapCounts(tx, ws),
      })),
    );
  });

  router.get('/gaps/choices', async (ctx) => {
    const query = validate(listGapChoicesQuerySchema, ctx.query);
    ctx.body = {
      choices: await ownerRun(ctx, db)((tx, ws) => listGapChoices(tx, ws, query.limit)),
    };
  });

  router.post('/gaps/:id/resolve', async (ctx) => {
    const id = idParam(ctx.params.id, 'gap');
    const body = await validatedBody(ctx, resolveGapSchema);
    const run = ownerRun(ctx, db);
    const { question, existing } = await run(async (tx, ws) => {
      const q = body.question ?? (await openGapForUpdate(tx, ws, id)).question;
      return { question: q, existing: await questionsToAnswer(tx, ws, q) };
    });
    const answer = { question, answer: body.answer, category: body.category };
    const vectors = await embedAnswer(embedder, answer, existing);
    ctx.body = await run(async (tx, ws) => {
      await openGapForUpdate(tx, ws, id);
      // The question already a pair's: that pair gets the new answer (no duplicate).
      const { pair, updated } = await saveGapAnswer(tx, ws, {
        ...answer,
        vectors,
        embedderId: embedder.id,
        metadata: { resolved_gap_id: id },
      });
      return { gap: await closeGap(tx, ws, id, 'resolved', pair.id), pair, updated_existing: updated };
    });
  });

  router.post('/gaps/:id/link', async (ctx) => {
    const id = idParam(ctx.params.id, 'gap');
    const body = await validatedBody(ctx, linkGapSchema);
    const run = ownerRun(ctx, db);
    // Any active pair of the workspace (not only the ones the visitor was offered).
    const { gap, current } = await run(async (tx, ws) => ({
      gap: await openGapForUpdate(tx, ws, id),
      current: await linkTarget(tx, ws, body.qa_id),
    }));
    const embedding = sameWording(gap.question, current.question)
      ? null
      : await embedOne(gap.question, current.answer);
    ctx.body = await run(async (tx, ws) => {
      await openGapForUpdate(tx, ws, id);
      const target = await linkTarget(tx, ws, body.qa_id);
      // The visitor's wording becomes a new phrasing (a pair with the existing answer), unless
      // the pair already has it (its own question, or a phrasing) up to case and punctuation.
      let pairId: string | null = null;
      if (await isNewWording(tx, ws, gap.question, target)) {
        pairId = await insertPhrasing(tx, ws, {
          question: gap.question,
          target,
          // The answer may have been edited since the vector was computed: embed what is stored.
          embedding:
            embedding && target.answer === current.answer
              ? embedding
              : await embedOne(gap.question, target.answer),
          embedderId: embedder.id,
          gapId: id,
        });
      }
      return {
        gap: await closeGap(tx, ws, id, 'resolved', target.id),
        pair: pairId ? await getPair(tx, ws, pairId) : null,
      };
    });
  });

  // Undoes a dismissal: the gap is open again (409 unless dismissed).
  router.post('/gaps/:id/reopen', async (ctx) => {
    const id = idParam(ctx.params.id, 'gap');
    ctx.body = { gap: await ownerRun(ctx, db)((tx, ws) => reopenGap(tx, ws, id)) };
  });

  router.post('/gaps/:id/dismiss', async (ctx) => {
    const id = idParam(ctx.params.id, 'gap');
    ctx.body = {
      gap: await ownerRun(
        ctx,
        db,
      )(async (tx, ws) => {
        await openGapForUpdate(tx, ws, id);
        return closeGap(tx, ws, id, 'dismissed', null);
      }),
    };
  });
};
