import { createLanguageModel, type LanguageModel, type LanguageModelResolver } from '@clara/core';
import { type Database, getDefaultSealedKey } from '@clara/supabase';
import { decryptKey } from '../vault';

export interface KeyResolverOptions {
  db: Database;
  masterKey: Buffer;
  /** OPENAI_BASE_URL / ANTHROPIC_BASE_URL; the providers' public APIs when unset. */
  baseUrls: { openai?: string | undefined; anthropic?: string | undefined };
  totalTimeoutMs?: number | undefined;
  firstTokenTimeoutMs?: number | undefined;
  /** How long a workspace's model (or its absence) is reused before the database is asked again. */
  cacheMs?: number;
  now?: () => number;
}

export interface KeyResolver extends LanguageModelResolver {
  /** Forgets a workspace's cached model (call after its keys change). */
  invalidate(workspaceId: string): void;
}

interface Cached {
  model: LanguageModel | null;
  expires: number;
}

/**
 * Loads the workspace's default active API key, decrypts it with the master key and builds
 * its LanguageModel, cached briefly per workspace. The decrypted key lives only inside
 * the provider client. A key that does not decrypt throws the VaultError (code only, no
 * key material), which the engine logs before answering extractively.
 */
export function createKeyResolver(options: KeyResolverOptions): KeyResolver {
  const cacheMs = options.cacheMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  const loading = new Map<string, Promise<LanguageModel | null>>();

  async function load(workspaceId: string): Promise<LanguageModel | null> {
    const sealed = await getDefaultSealedKey(options.db, workspaceId);
    if (!sealed) return null;
    return createLanguageModel(sealed.provider, {
      apiKey: decryptKey(sealed.encrypted_key, options.masterKey),
      model: sealed.model,
      baseURL: options.baseUrls[sealed.provider],
      totalTimeoutMs: options.totalTimeoutMs,
      firstTokenTimeoutMs: options.firstTokenTimeoutMs,
    });
  }

  return {
    async resolveModel(workspaceId) {
      const hit = cache.get(workspaceId);
      if (hit && hit.expires > now()) return hit.model;
      // Concurrent turns of one workspace share one database read and one decryption.
      let pending = loading.get(workspaceId);
      if (!pending) {
        pending = load(workspaceId).finally(() => loading.delete(workspaceId));
        loading.set(workspaceId, pending);
      }
      const model = await pending;
      if (cache.size > 10_000) cache.clear();
      cache.set(workspaceId, { model, expires: now() + cacheMs });
      return model;
    },
    invalidate(workspaceId) {
      cache.delete(workspaceId);
    },
  };
}
