import { ClaraError } from '@clara/core';
import { dismissChannelConnectionMove } from '@clara/supabase';
import { z } from 'zod';
import { ownerRun } from '../owner-scope';
import type { RegisterRuntimeRoutes } from '../runtime-deps';

const moveId = z.uuid('The move id must be a UUID.');

/**
 * `POST /api/admin/channels/moves/:id/dismiss`: the owner has read that a Slack team or Teams bot
 * moved to another Clara account (listed as `moved_away` by `GET /api/admin/channels`). 204; 404
 * for a move that is not this workspace's; 400 for an id that is not a UUID.
 */
export const registerChannelMoveRoutes: RegisterRuntimeRoutes = (router, { db }) => {
  router.post('/channels/moves/:id/dismiss', async (ctx) => {
    const parsed = moveId.safeParse(ctx.params.id);
    if (!parsed.success) throw new ClaraError('validation_failed', 'The move id must be a UUID.');
    const id = parsed.data;
    const found = await ownerRun(ctx, db)((tx, ws) => dismissChannelConnectionMove(tx, ws, id));
    if (!found) throw new ClaraError('not_found', 'No moved connection has this id.');
    ctx.status = 204;
  });
};
