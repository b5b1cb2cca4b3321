import { type ChatStore, ClaraError } from '@clara/core';
import { getWorkspace, listRecentQuestions, livePairs } from '@clara/supabase';
import type Router from '@koa/router';
import { z } from 'zod';
import { validatedBody } from '../../http/validated-body';
import type { AdminDeps } from '../deps';
import { ownerRun } from '../owner-scope';
import { replayThreshold } from './threshold-replay';

/** POST /api/admin/threshold-replay */
export const thresholdReplaySchema = z.object({
  /** The settings' own range (`confidence_threshold`): only thresholds the owner can save. */
  threshold: z.number().min(0.5).max(0.95),
  /** The most recent stored questions to replay. */
  limit: z.number().int().min(1).max(1000).default(500),
  /** Only questions asked in the last `days` days. */
  days: z.number().int().min(1).max(365).default(30),
});

/**
 * Threshold replay: the workspace's recent visitor questions re-run through the real engine at
 * a candidate threshold (and at the current one), nothing stored and no setting changed.
 */
export function registerThresholdReplayRoutes(
  router: Router,
  { db, embedder }: Pick<AdminDeps, 'db' | 'embedder'>,
  store: ChatStore,
): void {
  router.post('/threshold-replay', async (ctx) => {
    const body = await validatedBody(ctx, thresholdReplaySchema);
    const { workspace, questions } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({
      workspace: await getWorkspace(tx, ws),
      questions: await listRecentQuestions(tx, ws, { days: body.days, limit: body.limit }),
    }));
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace.');
    // The pairs it would answer with, by their questions (a phrasing by its pair's).
    const namePairs = async (ids: string[]) => {
      const named = await ownerRun(ctx, db)((tx, ws) => livePairs(tx, ws, ids, []));
      return new Map([...named.byId].map(([id, pair]) => [id, pair.question]));
    };
    const replay = await replayThreshold(
      { store, embedder, namePairs },
      { workspace, threshold: body.threshold, questions: questions.map((q) => q.question) },
    );
    ctx.body = { ...replay, days: body.days, limit: body.limit };
  });
}
