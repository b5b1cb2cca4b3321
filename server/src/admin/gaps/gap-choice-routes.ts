import { type ChoicesToReview, listGapChoicesQuerySchema } from '@clara/contract';
import { ClaraError } from '@clara/core';
import { choiceForReview, getPair, listChoicesToReview, reviewChoice } from '@clara/supabase';
import type Router from '@koa/router';
import { validate } from '../../http/validated-body';
import { wire } from '../../http/wire';
import type { AdminDeps } from '../deps';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import { embedPair, insertPhrasing } from './gap-phrasing';
import { narrowerBy } from './narrower-by';

/**
 * Visitors' choices to review: "a visitor asking X picked Y". Accepting one adds the visitor's
 * wording as a phrasing of the chosen pair (as linking a gap to a pair does); dismissing it
 * only takes it off the list. Each choice is reviewed once (409 after).
 */
export function registerGapChoiceRoutes(
  router: Router,
  { db, embedder }: Pick<AdminDeps, 'db' | 'embedder'>,
) {
  router.get('/gaps/choices/pending', async (ctx) => {
    const query = validate(listGapChoicesQuerySchema, ctx.query);
    const choices = await ownerRun(ctx, db)((tx, ws) => listChoicesToReview(tx, ws, query.limit));
    ctx.body = wire<ChoicesToReview>()({
      // A wording broader than the chosen pair says so: as its phrasing, it would always get that narrow answer.
      choices: choices.map((c) => ({ ...c, narrower_by: narrowerBy(c.question, c.chosen_question) })),
    });
  });

  router.post('/gaps/choices/:id/accept', async (ctx) => {
    const id = idParam(ctx.params.id, 'choice');
    const run = ownerRun(ctx, db);
    const choice = await run((tx, ws) => choiceForReview(tx, ws, id));
    const embedding = await embedPair(embedder, choice.question, choice.chosen_answer);
    ctx.body = await run(async (tx, ws) => {
      const current = await choiceForReview(tx, ws, id);
      const target = await getPair(tx, ws, current.chosen_qa_id);
      if (!target) throw new ClaraError('not_found', 'The chosen Q&A pair no longer exists.');
      // The answer may have been edited since the vector was computed: embed what is stored.
      const vector =
        target.answer === choice.chosen_answer
          ? embedding
          : await embedPair(embedder, current.question, target.answer);
      const pairId = await insertPhrasing(tx, ws, {
        question: current.question,
        target,
        embedding: vector,
        embedderId: embedder.id,
        gapId: id,
      });
      await reviewChoice(tx, ws, id, 'accepted');
      return { pair: pairId ? await getPair(tx, ws, pairId) : null, phrasing_of: target };
    });
  });

  router.post('/gaps/choices/:id/dismiss', async (ctx) => {
    const id = idParam(ctx.params.id, 'choice');
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      await choiceForReview(tx, ws, id);
      await reviewChoice(tx, ws, id, 'dismissed');
      return { dismissed: true };
    });
  });
}
