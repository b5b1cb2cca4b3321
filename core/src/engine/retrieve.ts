import { ClaraError } from '../errors';
import type { ChatStore, Embedder, SearchOptions } from '../ports';
import type { QaMatch } from '../schemas/qa-pair';
import type { EngineLogger } from './llm-ports';

/** A workspace's vectors from another embedder than the built-in one (e.g. OpenAI's). */
export interface KnowledgeIndex {
  embedder: Embedder;
  /** The matches, or null while some active pair has no current vector (then the built-in vectors answer). */
  search(embedding: Float32Array, options: SearchOptions): Promise<QaMatch[] | null>;
}

/** Finds the index a workspace is searched with; null: the built-in embedder and `store.search`. */
export interface KnowledgeIndexResolver {
  indexFor(workspaceId: string): Promise<KnowledgeIndex | null>;
}

export interface RetrieveDeps {
  store: Pick<ChatStore, 'search'>;
  embedder: Embedder;
  indexes?: KnowledgeIndexResolver | undefined;
  logger?: EngineLogger | undefined;
}

/**
 * The candidates for a question: from the workspace's own index when it has one and every pair
 * is in it, else (also when its embedder fails) from the built-in vectors, which every pair always
 * has. One set of vectors per search, never a mix.
 */
export async function retrieve(
  deps: RetrieveDeps,
  workspaceId: string,
  question: string,
  options: SearchOptions,
): Promise<{ candidates: QaMatch[]; embedder: string }> {
  if (deps.indexes) {
    let embedderId: string | undefined;
    try {
      // Resolving the index (a stored key that no longer decrypts) fails like its embedder would.
      const index = await deps.indexes.indexFor(workspaceId);
      if (index) {
        embedderId = index.embedder.id;
        const [vector] = await index.embedder.embed([question]);
        const candidates = vector ? await index.search(vector, options) : null;
        if (candidates) return { candidates, embedder: index.embedder.id };
      }
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      deps.logger?.warn(
        {
          workspace_id: workspaceId,
          ...(embedderId ? { embedder: embedderId } : {}),
          code: typeof code === 'string' ? code : 'unknown',
        },
        'embedder unavailable, searching the built-in vectors',
      );
    }
  }
  const [embedding] = await deps.embedder.embed([question]);
  if (!embedding) throw new ClaraError('internal', 'The embedder returned no vector.');
  return { candidates: await deps.store.search(workspaceId, embedding, options), embedder: deps.embedder.id };
}
