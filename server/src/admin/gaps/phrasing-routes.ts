import { ClaraError } from '@clara/core';
import { getPair, listPhrasingsOf } from '@clara/supabase';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';

/**
 * A pair's phrasings: the visitors' wordings added from the gap inbox (a linked gap or group,
 * an accepted choice), each a pair with the same answer. Removing one is deactivating that pair
 * (`DELETE /api/admin/knowledge/:id`), after which it is no longer listed or answered.
 */
export const registerPhrasingRoutes: RegisterRoutes = (router, { db }) => {
  router.get('/knowledge/:id/phrasings', async (ctx) => {
    const id = idParam(ctx.params.id, 'Q&A pair');
    ctx.body = {
      phrasings: await ownerRun(
        ctx,
        db,
      )(async (tx, ws) => {
        if (!(await getPair(tx, ws, id))) throw new ClaraError('not_found', 'No Q&A pair has this id.');
        return listPhrasingsOf(tx, ws, id);
      }),
    };
  });
};
