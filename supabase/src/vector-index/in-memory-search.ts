import type { QaMatch, SearchOptions } from '@clara/core';
import type { SqlExecutor } from '../database';
import { embedderConflict } from '../repos/embedding-models';
import { createModelLedger, type ModelLedger } from './model-ledger';
import { createMutableVectors, type MutableVectors } from './mutable-vectors';
import { topMatches } from './workspace-vectors';

export interface InMemoryVectorSearchOptions {
  dimensions?: number;
  /** Memory bound over all cached workspaces; least recently searched ones are dropped beyond it (default 1 GiB). */
  maxBytes?: number;
  /** A workspace not searched for this long is dropped (default 15 minutes). */
  idleMs?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

interface Entry {
  vectors: MutableVectors;
  /** Which embedder embedded each active pair (with or without a vector), for the one-embedder check. */
  models: ModelLedger;
  /** Database time the copy was last brought up to date (changes from then on are not in it). */
  since: Date;
  refreshedAt: number;
  lastUsed: number;
}

// Tombstones are kept a day: a copy older than this (never the case with idle eviction) reloads.
const maxDeltaAgeMs = 12 * 3600_000;
// Re-reading a few rows twice is harmless; missing one is not.
const sinceMarginMs = 2000;

/**
 * Exact vector search over an in-memory copy of each workspace's active pair vectors. When
 * `qa_pairs_versions` says the workspace changed, only the rows changed since the copy was
 * last updated (`updated_at`, and the tombstones of deleted rows) are read and applied, so an
 * edit costs a few rows, not a reload of the workspace. Copies idle for `idleMs` are dropped,
 * and the least recently searched ones beyond `maxBytes`.
 *
 * For the embedded database only (one process owns the data directory, and PGlite runs one
 * transaction at a time, so a change committed after a copy was read started after it):
 * pgvector compiled to WebAssembly scans about 25x slower than this loop, and its IVFFlat
 * index has no centroids until rebuilt.
 */
export function createInMemoryVectorSearch(options: InMemoryVectorSearchOptions = {}) {
  const dimensions = options.dimensions ?? 1536;
  const maxBytes = options.maxBytes ?? 1024 * 1024 * 1024;
  const idleMs = options.idleMs ?? 15 * 60_000;
  const clock = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const refreshing = new Map<string, Promise<Entry>>();
  // deltaMs: total time spent applying incremental updates; lastDeltaMs: the latest one (what an edit costs the next search).
  const counters = { fullLoads: 0, deltas: 0, deltaRows: 0, evicted: 0, deltaMs: 0, lastDeltaMs: 0 };

  const databaseNow = async (sql: SqlExecutor) =>
    (await sql.query<{ at: Date }>('SELECT clock_timestamp() AS at'))[0]?.at ?? new Date();

  async function load(sql: SqlExecutor, workspaceId: string, version: number): Promise<Entry> {
    counters.fullLoads++;
    const since = await databaseNow(sql);
    const rows = await sql.query<{ id: string; embedding: string | null; model: string | null }>(
      `SELECT id, embedding::text AS embedding, metadata->>'embedding_model' AS model FROM qa_pairs
       WHERE workspace_id = $1 AND is_active`,
      [workspaceId],
    );
    const vectors = createMutableVectors(dimensions, version, rows.length);
    const models = createModelLedger();
    for (const row of rows) {
      models.set(row.id, row.model);
      if (row.embedding !== null) vectors.upsert(row.id, row.embedding);
    }
    return { vectors, models, since, refreshedAt: clock(), lastUsed: clock() };
  }

  async function applyChanges(sql: SqlExecutor, workspaceId: string, entry: Entry, version: number) {
    counters.deltas++;
    const started = performance.now();
    const since = new Date(entry.since.getTime() - sinceMarginMs);
    // One round trip: the database's time (the next update starts from it), the tombstones of
    // deleted pairs, then the pairs changed since (`embedding` null = no longer searchable,
    // `active` false = no longer counted by the embedder check).
    const rows = await sql.query<{
      kind: 'at' | 'gone' | 'changed';
      id: string | null;
      at: Date | null;
      embedding: string | null;
      active: boolean | null;
      model: string | null;
    }>(
      `SELECT 'at' AS kind, NULL::uuid AS id, clock_timestamp() AS at, NULL::text AS embedding,
         NULL::boolean AS active, NULL::text AS model
       UNION ALL
       SELECT 'gone', pair_id, NULL, NULL, NULL, NULL FROM qa_pairs_tombstones WHERE workspace_id = $1 AND deleted_at >= $2
       UNION ALL
       SELECT 'changed', id, NULL, CASE WHEN is_active AND embedding IS NOT NULL THEN embedding::text END,
         is_active, metadata->>'embedding_model'
       FROM qa_pairs WHERE workspace_id = $1 AND updated_at >= $2`,
      [workspaceId, since],
    );
    const at = rows.find((row) => row.kind === 'at')?.at ?? new Date();
    counters.deltaRows += rows.length - 1;
    // Deletions first: a row deleted and inserted again under its id is in both, and stays.
    for (const row of rows) {
      if (row.kind !== 'gone' || !row.id) continue;
      entry.vectors.remove(row.id);
      entry.models.remove(row.id);
    }
    for (const row of rows) {
      if (row.kind !== 'changed' || !row.id) continue;
      if (row.active) entry.models.set(row.id, row.model);
      else entry.models.remove(row.id);
      if (row.embedding === null) entry.vectors.remove(row.id);
      else entry.vectors.upsert(row.id, row.embedding);
    }
    entry.vectors.version = version;
    entry.since = at;
    entry.refreshedAt = clock();
    counters.lastDeltaMs = performance.now() - started;
    counters.deltaMs += counters.lastDeltaMs;
    return entry;
  }

  function evict(keep: string): void {
    const now = clock();
    for (const [id, entry] of cache) {
      if (id !== keep && now - entry.lastUsed > idleMs) {
        cache.delete(id);
        counters.evicted++;
      }
    }
    let total = 0;
    for (const entry of cache.values()) total += entry.vectors.bytes;
    if (total <= maxBytes) return;
    for (const [id, entry] of [...cache].sort((a, b) => a[1].lastUsed - b[1].lastUsed)) {
      if (total <= maxBytes) break;
      if (id === keep) continue;
      cache.delete(id);
      counters.evicted++;
      total -= entry.vectors.bytes;
    }
  }

  async function copyOf(sql: SqlExecutor, workspaceId: string): Promise<Entry> {
    evict(workspaceId);
    const [row] = await sql.query<{ version: string | number }>(
      'SELECT version FROM qa_pairs_versions WHERE workspace_id = $1',
      [workspaceId],
    );
    const version = Number(row?.version ?? 0);
    const cached = cache.get(workspaceId);
    if (cached && cached.vectors.version === version) {
      cached.lastUsed = clock();
      return cached;
    }
    let pending = refreshing.get(workspaceId);
    if (!pending) {
      const fresh = !cached || clock() - cached.refreshedAt > maxDeltaAgeMs;
      pending = (
        fresh ? load(sql, workspaceId, version) : applyChanges(sql, workspaceId, cached, version)
      ).finally(() => refreshing.delete(workspaceId));
      refreshing.set(workspaceId, pending);
    }
    const entry = await pending;
    entry.lastUsed = clock();
    cache.set(workspaceId, entry);
    evict(workspaceId);
    return entry;
  }

  return {
    /**
     * The seed's `search_qa_pairs` semantics: active pairs, similarity > threshold, best first.
     * With `embedderId`, first refuses (the `conflict` of `assertOneEmbedder`) a workspace whose
     * active pairs another embedder embedded, read from the copy instead of a scan of its pairs.
     */
    async search(
      sql: SqlExecutor,
      workspaceId: string,
      embedding: Float32Array,
      search: SearchOptions,
      embedderId?: string,
    ): Promise<QaMatch[]> {
      const entry = await copyOf(sql, workspaceId);
      if (embedderId !== undefined) {
        const others = entry.models.others(embedderId);
        if (others.length > 0) throw embedderConflict(workspaceId, embedderId, others);
      }
      const top = topMatches(entry.vectors, embedding, search.threshold, search.count);
      if (top.length === 0) return [];
      const rows = await sql.query<Omit<QaMatch, 'similarity'>>(
        'SELECT id, question, answer, category FROM qa_pairs WHERE id = ANY($1::uuid[]) AND workspace_id = $2',
        [top.map((t) => t.id), workspaceId],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return top.flatMap((t) => {
        const row = byId.get(t.id);
        return row ? [{ ...row, similarity: t.similarity }] : [];
      });
    },
    /** Drops every cached workspace (tests, memory pressure). */
    clear(): void {
      cache.clear();
    },
    /** What the cache holds and has done: workspaces, bytes, full loads, incremental updates, evictions. */
    stats() {
      let bytes = 0;
      for (const entry of cache.values()) bytes += entry.vectors.bytes;
      return { workspaces: cache.size, bytes, ...counters };
    },
  };
}

export type InMemoryVectorSearch = ReturnType<typeof createInMemoryVectorSearch>;
