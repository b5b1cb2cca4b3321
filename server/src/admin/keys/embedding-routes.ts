import type { EmbeddingsStatus } from '@clara/contract';
import { ownerRun } from '../owner-scope';
import type { RegisterRuntimeRoutes } from '../runtime-deps';

/**
 * `GET /api/admin/embeddings`: which embedder the workspace is searched with and how far the
 * switch to OpenAI's is (`embedded` of `total` active pairs); `openai: null` when it has no
 * OpenAI key (the built-in embedder only).
 */
export const registerEmbeddingRoutes: RegisterRuntimeRoutes = (router, { db, embedder, vectors }) => {
  router.get('/embeddings', async (ctx) => {
    const workspaceId = await ownerRun(ctx, db)(async (_tx, ws) => ws);
    const openai = await vectors.progress(workspaceId);
    ctx.body = {
      searched_with: openai?.complete ? openai.embedder : embedder.id,
      openai,
    } satisfies EmbeddingsStatus;
  });
};
