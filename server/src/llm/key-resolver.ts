import {
  createCircuitBreaker,
  createLanguageModel,
  type LanguageModel,
  type LanguageModelResolver,
  type Logger,
  withCircuitBreaker,
} from '@clara/core';
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
  /**
   * First cool-down of a key's circuit breaker after a provider or network failure (doubles on
   * each failed trial, up to 5 minutes). Default 30 000 ms; 0 turns the breaker off.
   */
  breakerCoolDownMs?: number | undefined;
  /** Logs each breaker state change once (open, closed). */
  logger?: Pick<Logger, 'warn' | 'info'> | undefined;
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
 *
 * Each key's model sits behind a circuit breaker (per workspace and key row): after the
 * provider or the network failed, turns answer extractively at once for the cool-down instead
 * of waiting on the provider again. The breaker lives in this process: with several stateless
 * instances, each one finds out on its own (one failed call each per cool-down).
 */
export function createKeyResolver(options: KeyResolverOptions): KeyResolver {
  const cacheMs = options.cacheMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  const loading = new Map<string, Promise<LanguageModel | null>>();
  const breaker = createCircuitBreaker({
    coolDownMs: options.breakerCoolDownMs,
    now,
    onChange: (change) => {
      const [workspaceId, keyId] = change.key.split('/');
      const where = { workspace_id: workspaceId, key_id: keyId };
      if (change.state === 'open') {
        options.logger?.warn(
          { ...where, llm: change.reason, cool_down_ms: change.coolDownMs },
          'language model circuit open: answering extractively until the cool-down ends',
        );
      } else {
        options.logger?.info(where, 'language model circuit closed: the provider answers again');
      }
    },
  });

  async function load(workspaceId: string): Promise<LanguageModel | null> {
    const sealed = await getDefaultSealedKey(options.db, workspaceId);
    if (!sealed) return null;
    const model = createLanguageModel(sealed.provider, {
      apiKey: decryptKey(sealed.encrypted_key, options.masterKey),
      model: sealed.model,
      baseURL: options.baseUrls[sealed.provider],
      totalTimeoutMs: options.totalTimeoutMs,
      firstTokenTimeoutMs: options.firstTokenTimeoutMs,
    });
    return withCircuitBreaker(model, breaker, `${workspaceId}/${sealed.id}`);
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
      breaker.forget(`${workspaceId}/`);
    },
  };
}
