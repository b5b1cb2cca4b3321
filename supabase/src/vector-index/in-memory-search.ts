import type { QaMatch, SearchOptions } from '@clara/core';
import type { SqlExecutor } from '../database';
import { packVectors, topMatches, type WorkspaceVectors } from './workspace-vectors';

/**
 * Exact vector search over an in-memory copy of each workspace's active pair vectors,
 * refreshed whenever `qa_pairs_versions` says the workspace changed. For the embedded
 * database (one process owns the data directory): pgvector compiled to WebAssembly scans
 * about 25x slower than this loop, and its IVFFlat index has no centroids until rebuilt.
 */
export function createInMemoryVectorSearch(options: { dimensions?: number } = {}) {
  const dimensions = options.dimensions ?? 1536;
  const cache = new Map<string, WorkspaceVectors>();
  const loading = new Map<string, Promise<WorkspaceVectors>>();

  async function load(sql: SqlExecutor, workspaceId: string, version: number): Promise<WorkspaceVectors> {
    const rows = await sql.query<{ id: string; embedding: string }>(
      `SELECT id, embedding::text AS embedding FROM qa_pairs
       WHERE workspace_id = $1 AND is_active AND embedding IS NOT NULL`,
      [workspaceId],
    );
    return packVectors(rows, dimensions, version);
  }

  async function vectorsFor(sql: SqlExecutor, workspaceId: string): Promise<WorkspaceVectors> {
    const [row] = await sql.query<{ version: string | number }>(
      'SELECT version FROM qa_pairs_versions WHERE workspace_id = $1',
      [workspaceId],
    );
    const version = Number(row?.version ?? 0);
    const cached = cache.get(workspaceId);
    if (cached && cached.version === version) return cached;
    const key = `${workspaceId}:${version}`;
    let pending = loading.get(key);
    if (!pending) {
      pending = load(sql, workspaceId, version).finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    const fresh = await pending;
    cache.set(workspaceId, fresh);
    return fresh;
  }

  return {
    /** The seed's `search_qa_pairs` semantics: active pairs, similarity > threshold, best first. */
    async search(
      sql: SqlExecutor,
      workspaceId: string,
      embedding: Float32Array,
      search: SearchOptions,
    ): Promise<QaMatch[]> {
      const index = await vectorsFor(sql, workspaceId);
      const top = topMatches(index, embedding, search.threshold, search.count);
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
  };
}

export type InMemoryVectorSearch = ReturnType<typeof createInMemoryVectorSearch>;
