import type { ChatStore } from '@clara/core';
import type { Database } from './database';
import { checkedSearchQaPairs } from './repos/checked-search';
import { phrasingTargets } from './repos/phrasings';
import { beginTurn, completeTurn, findReply, sessionHistory } from './repos/sessions';
import { getWorkspace } from './repos/workspaces';
import { createInMemoryVectorSearch } from './vector-index/in-memory-search';

/** Options of the Postgres chat store. */
export interface PostgresChatStoreOptions {
  /**
   * The running embedder's id: search refuses (a `conflict` saying to run `clara reindex`) a
   * workspace whose active pairs another embedder embedded. Omitted: no check.
   */
  embedderId?: string | undefined;
  /**
   * Search an in-memory copy of the vectors instead of asking pgvector (default: on for
   * the embedded PGlite database, which one process owns; off for Postgres).
   */
  inMemoryVectors?: boolean | undefined;
}

/**
 * The chat engine's store on the service path (public endpoints): bypasses RLS, so every
 * query filters by `workspace_id` itself.
 */
export function createPostgresChatStore(db: Database, options: PostgresChatStoreOptions = {}): ChatStore {
  const { embedderId } = options;
  const inMemory = (options.inMemoryVectors ?? db.kind === 'pglite') ? createInMemoryVectorSearch() : null;
  return {
    getWorkspace: (workspaceId) => getWorkspace(db, workspaceId),
    search: (workspaceId, embedding, searchOptions) =>
      inMemory
        ? db.transaction((tx) => inMemory.search(tx, workspaceId, embedding, searchOptions, embedderId))
        : checkedSearchQaPairs(db, workspaceId, embedding, searchOptions, embedderId),
    phrasingTargets: (workspaceId, ids) => phrasingTargets(db, workspaceId, ids),
    beginTurn: (input) => db.transaction((tx) => beginTurn(tx, input)),
    completeTurn: (input) => db.transaction((tx) => completeTurn(tx, input)),
    findReply: (workspaceId, sessionId, replyId) => findReply(db, workspaceId, sessionId, replyId),
    history: (workspaceId, sessionToken) => sessionHistory(db, workspaceId, sessionToken),
  };
}
