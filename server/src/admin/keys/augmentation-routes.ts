import type { AugmentationStatus } from '@clara/contract';
import { ClaraError } from '@clara/core';
import { getWorkspace, listApiKeys, pairsToAugment } from '@clara/supabase';
import { estimateAugmentation } from '../../knowledge/augment-pairs';
import { ownerRun } from '../owner-scope';
import type { RegisterRuntimeRoutes } from '../runtime-deps';

/**
 * `GET /api/admin/augmentation`: whether new pairs get alternative phrasings written by the
 * owner's model (`settings.augment_questions`), which model would write them (the default active
 * key's; `null` without one), and what writing them for the pairs that have none yet costs at
 * its list price (the estimate `clara augment` prints). Read-only: the toggle is the settings PATCH.
 */
export const registerAugmentationRoutes: RegisterRuntimeRoutes = (router, { db }) => {
  router.get('/augmentation', async (ctx) => {
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws): Promise<AugmentationStatus> => {
      const workspace = await getWorkspace(tx, ws);
      if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace.');
      const key = (await listApiKeys(tx, ws)).find((k) => k.is_default && k.is_active);
      const enabled = workspace.settings.augment_questions;
      if (!key) return { enabled, model: null, estimate: null };
      const estimate = estimateAugmentation(await pairsToAugment(tx, ws), key.model);
      return { enabled, model: { provider: key.provider, model: key.model }, estimate };
    });
  });
};
