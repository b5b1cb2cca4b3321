import type Router from '@koa/router';
import type { Config } from '../config/load-config';
import type { OpenAiVectors } from '../knowledge/openai-vectors';
import type { KeyResolver } from '../llm';
import type { Runtime } from '../runtime';
import type { AdminDeps } from './deps';

/** Admin routes that also need the vault, the model cache and channel configuration. */
export interface RuntimeAdminDeps extends AdminDeps {
  /** The vault's master key: seals API keys and channel credentials. */
  masterKey: Buffer;
  /** The chat's per-workspace model cache: invalidate it after every key change. */
  models: KeyResolver;
  config: Pick<Config, 'llm' | 'slack' | 'teams' | 'supabase' | 'signup'>;
  /** OpenAI embeddings of workspaces with an OpenAI key, and their progress. */
  vectors: OpenAiVectors;
}

/** The admin's dependencies, built once from the runtime and shared by every admin feature. */
export function adminDepsOf(
  runtime: Pick<
    Runtime,
    'config' | 'db' | 'embedder' | 'logger' | 'masterKey' | 'models' | 'store' | 'vectors'
  >,
): RuntimeAdminDeps {
  return {
    db: runtime.db,
    embedder: runtime.embedder,
    store: runtime.store,
    logger: runtime.logger,
    publicUrl: runtime.config.publicUrl,
    masterKey: runtime.masterKey,
    models: runtime.models,
    config: runtime.config,
    vectors: runtime.vectors,
  };
}

/** Adds a feature's routes to `/api/admin` with the runtime deps. */
export type RegisterRuntimeRoutes = (router: Router, deps: RuntimeAdminDeps) => void;
