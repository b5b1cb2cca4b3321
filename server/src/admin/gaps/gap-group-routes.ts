import {
  dismissGapGroupSchema,
  type GapGroupList,
  linkGapGroupSchema,
  listGapGroupsQuerySchema,
  reopenGapGroupSchema,
} from '@clara/contract';
import { groupingKey } from '@clara/core';
import {
  closeGaps,
  gapCounts,
  gapQuestions,
  getWorkspace,
  listInboxGaps,
  livePairs,
  lockOpenGaps,
  reopenGaps,
} from '@clara/supabase';
import type Router from '@koa/router';
import { validate, validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import type { AdminDeps } from '../deps';
import { ownerRun } from '../owner-scope';
import { embedAnswer, questionsToAnswer, saveGapAnswer } from './gap-answer';
import { gapGroupSimilarity, groupGaps } from './gap-groups';
import { applyLiveSuggestions } from './gap-live-groups';
import { embedPair, insertPhrasing, isNewWording, linkTarget } from './gap-phrasing';
import { resolveGapGroupSchema } from './gap-schemas';
import { asWording } from './wording';

/** The wordings that differ from `question` and from each other (the first of each kept). */
const newWordings = <T extends { question: string }>(wordings: readonly T[], question: string): T[] => {
  const seen = new Set([asWording(question)]);
  return wordings.filter((w) => !seen.has(asWording(w.question)) && Boolean(seen.add(asWording(w.question))));
};

/**
 * The grouped inbox: open gaps grouped by meaning (the local embedder's vectors), and actions
 * on a whole group: answer once (the pair already holding the question gets the answer), link to an existing pair, dismiss (and reopen). Each takes the group's gap
 * ids (the owner may leave some out) and fails as a whole (409) if one was closed meanwhile.
 */
export function registerGapGroupRoutes(
  router: Router,
  { db, embedder, store }: Pick<AdminDeps, 'db' | 'embedder' | 'store'>,
) {
  router.get('/gaps/groups', async (ctx) => {
    const query = validate(listGapGroupsQuerySchema, ctx.query);
    const run = ownerRun(ctx, db);
    const { gaps, counts, workspace } = await run(async (tx, ws) => ({
      gaps: await listInboxGaps(tx, ws, query.limit),
      counts: await gapCounts(tx, ws),
      workspace: await getWorkspace(tx, ws),
    }));
    // Grouped by a key that settles spelling variants (wi-fi / wifi, dogs / dog).
    const vectors = await embedder.embed(gaps.map((g) => groupingKey(g.question)));
    const groups = groupGaps(gaps, vectors);
    // The first groups' suggestions as the engine sees them now (pairs added, edited or
    // reactivated since the gaps were filed), not only what their visitors were offered then;
    // never a pair a visitor disliked for the group.
    await applyLiveSuggestions({ store, embedder }, workspace, groups, (ids, questions) =>
      run((tx, ws) => livePairs(tx, ws, ids, questions)),
    );
    ctx.body = wire<GapGroupList>()({ groups, counts, similarity: gapGroupSimilarity });
  });

  router.post('/gaps/groups/resolve', async (ctx) => {
    const body = await validatedBody(ctx, resolveGapGroupSchema);
    const run = ownerRun(ctx, db);
    const { wordings, existing } = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      const gaps = await gapQuestions(tx, ws, body.gap_ids);
      const q = body.question ?? gaps[0]?.question ?? '';
      return { wordings: gaps, existing: await questionsToAnswer(tx, ws, q) };
    });
    const question = body.question ?? wordings[0]?.question ?? '';
    const others = body.phrasings ? newWordings(wordings, question) : [];
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
        // An existing pair may already have this wording as a phrasing.
        if (updated && !(await isNewWording(tx, ws, w.question, pair))) continue;
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
    // Any active pair of the workspace (not only the ones the visitors were offered).
    const { wordings, target } = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      return {
        wordings: await gapQuestions(tx, ws, body.gap_ids),
        target: await linkTarget(tx, ws, body.qa_id),
      };
    });
    const embedded = new Map<string, Float32Array>();
    for (const w of newWordings(wordings, target.question)) {
      embedded.set(w.question, await embedPair(embedder, w.question, target.answer));
    }
    ctx.body = await run(async (tx, ws) => {
      await lockOpenGaps(tx, ws, body.gap_ids);
      const current = await linkTarget(tx, ws, body.qa_id);
      let phrasings = 0;
      // Each wording the pair does not have yet (its question or a phrasing) becomes a phrasing.
      for (const w of newWordings(wordings, current.question)) {
        if (!(await isNewWording(tx, ws, w.question, current))) continue;
        const vector = embedded.get(w.question);
        const id = await insertPhrasing(tx, ws, {
          question: w.question,
          target: current,
          // The answer may have been edited since the vectors were computed: embed what is stored.
          embedding:
            vector && current.answer === target.answer
              ? vector
              : await embedPair(embedder, w.question, current.answer),
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

  // Undoes a group's dismissal (the page's Undo): every gap open again, or none (404/409).
  router.post('/gaps/groups/reopen', async (ctx) => {
    const body = await validatedBody(ctx, reopenGapGroupSchema);
    ctx.body = { reopened: await ownerRun(ctx, db)((tx, ws) => reopenGaps(tx, ws, body.gap_ids)) };
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
