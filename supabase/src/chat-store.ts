import type { ChatStore } from '@clara/core';
import type { Database } from './database';
import { assertOneEmbedder } from './repos/embedding-models';
import { searchQaPairs } from './repos/qa-pairs';
import { beginTurn, completeTurn, findReply, sessionHistory } from './repos/sessions';
import { getWorkspace } from './repos/workspaces';

/** Options of the Postgres chat store. */
export interface PostgresChatStoreOptions {
  /**
   * The running embedder's id: search refuses (a `conflict` saying to run `clara reindex`) a
   * workspace whose active pairs another embedder embedded. Omitted: no check.
   */
  embedderId?: string | undefined;
}

/**
 * The chat engine's store on the service path (public endpoints): bypasses RLS, so every
 * query filters by `workspace_id` itself.
 */
export function createPostgresChatStore(db: Database, options: PostgresChatStoreOptions = {}): ChatStore {
  const { embedderId } = options;
  return {
    getWorkspace: (workspaceId) => getWorkspace(db, workspaceId),
    search: (workspaceId, embedding, searchOptions) =>
      db.transaction(async (tx) => {
        if (embedderId !== undefined) await assertOneEmbedder(tx, workspaceId, embedderId);
        return searchQaPairs(tx, workspaceId, embedding, searchOptions);
      }),
    beginTurn: (input) => db.transaction((tx) => beginTurn(tx, input)),
    completeTurn: (input) => db.transaction((tx) => completeTurn(tx, input)),
    findReply: (workspaceId, sessionId, replyId) => findReply(db, workspaceId, sessionId, replyId),
    history: (workspaceId, sessionToken) => sessionHistory(db, workspaceId, sessionToken),
  };
}
