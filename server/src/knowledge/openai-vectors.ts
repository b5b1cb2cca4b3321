import {
  createOpenAiEmbedder,
  type Embedder,
  embedPairs,
  type KnowledgeIndex,
  type KnowledgeIndexResolver,
} from '@clara/core';
import {
  type Database,
  getDefaultSealedKey,
  listWorkspaceIds,
  openAiKeyWorkspaces,
  pairsMissingVectors,
  pairVectorCoverage,
  savePairVectors,
  searchPairVectors,
} from '@clara/supabase';
import type { Logger } from '../logger';
import { decryptKey } from '../vault';
import { createSweepBackoff, type EmbeddingPause } from './embedding-backoff';

export interface OpenAiVectorsOptions {
  db: Database;
  masterKey: Buffer;
  /** `OPENAI_BASE_URL`. */
  baseURL?: string | undefined;
  /** A server-level `OPENAI_API_KEY`: every workspace is embedded with it. */
  serverKey?: string | undefined;
  logger?: Pick<Logger, 'info' | 'warn'> | undefined;
  /** Pairs embedded per step (two texts each: question and answer). Default 50. */
  batchPairs?: number;
  /** How often workspaces are brought up to date in the background. Default 5 000 ms. */
  intervalMs?: number;
  /** How long a workspace's embedder (or its absence) is reused. Default 30 000 ms. */
  cacheMs?: number;
  /** Per request to the embeddings endpoint. */
  timeoutMs?: number | undefined;
  /** After a failed sweep of a workspace, the first wait (doubled each time). Default twice intervalMs. */
  backoffBaseMs?: number | undefined;
  /** The longest wait between failing attempts. Default 600 000 ms. */
  backoffMaxMs?: number | undefined;
  /** The clock the back-off reads (tests move it). */
  now?: (() => number) | undefined;
}

/** A workspace's progress towards searching with OpenAI's vectors. */
export interface EmbeddingProgress {
  /** The embedder it searches with now: OpenAI's once complete, else the built-in one. */
  embedder: string | null;
  total: number;
  embedded: number;
  complete: boolean;
  /** Present while the background sweep backs off after failures (a rejected key, no network). */
  paused?: EmbeddingPause;
}

export interface OpenAiVectors extends KnowledgeIndexResolver {
  /** Embeds the workspace's pairs that have no current OpenAI vector; returns its progress. */
  sync(workspaceId: string): Promise<EmbeddingProgress>;
  progress(workspaceId: string): Promise<EmbeddingProgress | null>;
  /** Forgets a workspace's cached embedder (its keys changed). */
  invalidate(workspaceId: string): void;
  /** One pass of the background sweep (start() runs it every intervalMs; tests call it). */
  sweep(): Promise<void>;
  /** Starts the background sweep over every workspace with an OpenAI key. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * OpenAI embeddings for workspaces whose default key is an OpenAI key (or all of them with a
 * server-level key): a background sweep embeds their pairs into `qa_pair_vectors`, and a
 * workspace is searched with them only once every active pair has a current one; until then
 * (after a switch, an import or an edit) it answers from the built-in vectors. An
 * Anthropic-only workspace keeps the built-in embedder.
 */
export function createOpenAiVectors(options: OpenAiVectorsOptions): OpenAiVectors {
  const { db } = options;
  const cacheMs = options.cacheMs ?? 30_000;
  const batch = options.batchPairs ?? 50;
  const cache = new Map<string, { embedder: Embedder | null; expires: number }>();
  const serverEmbedder = options.serverKey
    ? createOpenAiEmbedder({
        apiKey: options.serverKey,
        baseURL: options.baseURL,
        timeoutMs: options.timeoutMs,
      })
    : null;
  const intervalMs = options.intervalMs ?? 5_000;
  const backoff = createSweepBackoff({
    baseMs: options.backoffBaseMs ?? 2 * intervalMs,
    maxMs: options.backoffMaxMs,
    now: options.now,
  });
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;

  async function embedderFor(workspaceId: string): Promise<Embedder | null> {
    if (serverEmbedder) return serverEmbedder;
    const hit = cache.get(workspaceId);
    if (hit && hit.expires > Date.now()) return hit.embedder;
    const sealed = await getDefaultSealedKey(db, workspaceId);
    let embedder: Embedder | null = null;
    if (sealed?.provider === 'openai') {
      try {
        embedder = createOpenAiEmbedder({
          apiKey: decryptKey(sealed.encrypted_key, options.masterKey),
          baseURL: options.baseURL,
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        // A key that no longer decrypts (wrong master key, altered value): the built-in vectors answer.
        const code = (error as { code?: unknown })?.code;
        options.logger?.warn(
          { workspace_id: workspaceId, code: typeof code === 'string' ? code : 'unknown' },
          'default key unusable for embeddings; the built-in vectors answer',
        );
      }
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(workspaceId, { embedder, expires: Date.now() + cacheMs });
    return embedder;
  }

  async function progress(workspaceId: string): Promise<EmbeddingProgress | null> {
    const embedder = await embedderFor(workspaceId);
    if (!embedder) return null;
    const { total, embedded } = await pairVectorCoverage(db, workspaceId, embedder.id);
    const paused = embedded === total ? undefined : backoff.pause(workspaceId);
    return {
      embedder: embedded === total ? embedder.id : null,
      total,
      embedded,
      complete: embedded === total,
      ...(paused ? { paused } : {}),
    };
  }

  async function sync(workspaceId: string): Promise<EmbeddingProgress> {
    const embedder = await embedderFor(workspaceId);
    if (!embedder) return { embedder: null, total: 0, embedded: 0, complete: false };
    for (;;) {
      const pairs = await pairsMissingVectors(db, workspaceId, embedder.id, batch);
      if (pairs.length === 0) break;
      const vectors = await embedPairs(embedder, pairs);
      await savePairVectors(
        db,
        workspaceId,
        embedder.id,
        pairs.map((p, i) => ({
          qaId: p.id,
          sourceHash: p.source_hash,
          embedding: vectors[i] as Float32Array,
        })),
      );
      if (pairs.length < batch) break;
    }
    return (await progress(workspaceId)) ?? { embedder: null, total: 0, embedded: 0, complete: false };
  }

  async function sweep(): Promise<void> {
    const workspaces = serverEmbedder ? await listWorkspaceIds(db) : await openAiKeyWorkspaces(db);
    for (const workspaceId of workspaces) {
      // A workspace whose last attempts failed waits out its back-off (one request and one log line per step).
      if (!backoff.due(workspaceId)) continue;
      try {
        const before = await progress(workspaceId);
        if (before && !before.complete) {
          const after = await sync(workspaceId);
          backoff.reset(workspaceId);
          options.logger?.info(
            { workspace_id: workspaceId, ...after },
            'openai embeddings brought up to date',
          );
        }
      } catch (error) {
        const { pause, delay_ms } = backoff.failed(workspaceId, error);
        options.logger?.warn(
          { workspace_id: workspaceId, ...pause, next_attempt_in_ms: delay_ms },
          'openai embeddings not brought up to date; the built-in vectors answer meanwhile',
        );
      }
    }
  }

  return {
    async indexFor(workspaceId): Promise<KnowledgeIndex | null> {
      const embedder = await embedderFor(workspaceId);
      // Not asked to embed a question while the workspace's vectors are incomplete (the search checks again).
      if (!embedder || !(await progress(workspaceId))?.complete) return null;
      return {
        embedder,
        search: async (embedding, searchOptions) => {
          const found = await searchPairVectors(db, workspaceId, embedder.id, embedding, searchOptions);
          return found.complete ? found.matches : null;
        },
      };
    },
    sync,
    progress,
    invalidate: (workspaceId) => {
      cache.delete(workspaceId);
      // A key change: the next sweep tries at once.
      backoff.reset(workspaceId);
    },
    sweep,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (sweeping) return;
        sweeping = sweep().finally(() => {
          sweeping = null;
        });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
    },
  };
}
