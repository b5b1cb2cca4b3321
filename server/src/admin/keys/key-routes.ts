import type { ApiKey, KeyTestResult, ModelChoice } from '@clara/contract';
import { ClaraError } from '@clara/core';
import {
  deleteApiKey,
  insertApiKey,
  listApiKeys,
  listSealedKeys,
  recordApiKeyTest,
  type SqlExecutor,
  setApiKeyActive,
  setDefaultApiKey,
} from '@clara/supabase';
import type { Context } from 'koa';
import { publicKey } from '../../cli/keys-command';
import { validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import { encryptKey, keyLast4 } from '../../vault';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';
import type { RegisterRuntimeRoutes } from '../runtime-deps';
import { addKeySchema, modelChoices } from './key-schemas';
import { testSealedKey } from './test-key';

type IdContext = Context & { params: Record<string, string> };

/**
 * The workspace's LLM API keys: list (key_last4 only), add (sealed with the vault), set default,
 * activate/deactivate, delete and test. Every change invalidates the chat's model cache at once.
 */
export const registerKeyRoutes: RegisterRuntimeRoutes = (
  router,
  { db, masterKey, models, config, logger, vectors },
) => {
  router.get('/keys', async (ctx) => {
    const keys = await ownerRun(ctx, db)((tx, ws) => listApiKeys(tx, ws));
    ctx.body = wire<{ keys: ApiKey[]; models: readonly ModelChoice[] }>()({
      keys: keys.map(publicKey),
      models: modelChoices,
    });
  });

  router.post('/keys', async (ctx) => {
    const body = await validatedBody(ctx, addKeySchema, 16 * 1024);
    const { row, workspaceId } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({
      workspaceId: ws,
      row: await insertApiKey(tx, ws, {
        provider: body.provider,
        model: body.model,
        encryptedKey: encryptKey(body.key, masterKey),
        keyLast4: keyLast4(body.key),
        label: body.label || null,
        isDefault: body.make_default,
      }),
    }));
    models.invalidate(workspaceId);
    // The embedder follows the default key: an OpenAI key starts the switch to its embeddings.
    vectors.invalidate(workspaceId);
    logger.info({ workspace_id: workspaceId, key_id: row.id, provider: row.provider }, 'api key added');
    ctx.status = 201;
    ctx.body = wire<{ key: ApiKey }>()({ key: publicKey(row) });
  });

  /** Runs one change on a key of this owner's workspace, then forgets the cached model. */
  const change =
    (work: (tx: SqlExecutor, workspaceId: string, id: string) => Promise<unknown>) =>
    async (ctx: IdContext) => {
      const id = idParam(ctx.params.id, 'API key');
      const { result, workspaceId } = await ownerRun(
        ctx,
        db,
      )(async (tx, ws) => ({ result: await work(tx, ws, id), workspaceId: ws }));
      models.invalidate(workspaceId);
      vectors.invalidate(workspaceId);
      ctx.body = result;
    };

  router.post(
    '/keys/:id/default',
    change(async (tx, ws, id) => ({ key: publicKey(await setDefaultApiKey(tx, ws, id)) })),
  );
  router.post(
    '/keys/:id/activate',
    change(async (tx, ws, id) => ({ key: publicKey(await setApiKeyActive(tx, ws, id, true)) })),
  );
  router.post(
    '/keys/:id/deactivate',
    change(async (tx, ws, id) => ({ key: publicKey(await setApiKeyActive(tx, ws, id, false)) })),
  );
  router.delete(
    '/keys/:id',
    change(async (tx, ws, id) => {
      await deleteApiKey(tx, ws, id);
      return { deleted: id };
    }),
  );

  router.post('/keys/:id/test', async (ctx) => {
    const id = idParam(ctx.params.id, 'API key');
    const sealed = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => (await listSealedKeys(tx, ws)).find((k) => k.id === id));
    if (!sealed) throw new ClaraError('not_found', 'No API key with this id in this workspace.');
    const result = await testSealedKey(sealed, masterKey, config.llm);
    if (!result.ok)
      logger.info(
        {
          key_id: id,
          provider: result.provider,
          code: result.code,
          status: result.status,
          provider_code: result.provider_code,
        },
        'api key test failed',
      );
    // Kept with the key, so the admin still marks it 'Not working' after a reload.
    await ownerRun(
      ctx,
      db,
    )((tx, ws) =>
      recordApiKeyTest(tx, ws, id, {
        ok: result.ok,
        code: result.ok ? null : result.code,
        status: result.ok ? null : result.status,
        provider_code: result.ok ? null : result.provider_code,
      }),
    );
    ctx.body = { result } satisfies { result: KeyTestResult };
  });
};
