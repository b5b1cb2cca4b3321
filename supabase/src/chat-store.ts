import type { ChatStore } from '@clara/core';
import type { Database } from './database';
import { searchQaPairs } from './repos/qa-pairs';
import { beginTurn, completeTurn, findReply, sessionHistory } from './repos/sessions';
import { getWorkspace } from './repos/workspaces';

/**
 * The chat engine's store on the service path (public endpoints): bypasses RLS, so every
 * query filters by `workspace_id` itself.
 */
export function createPostgresChatStore(db: Database): ChatStore {
  return {
    getWorkspace: (workspaceId) => getWorkspace(db, workspaceId),
    search: (workspaceId, embedding, options) =>
      db.transaction((tx) => searchQaPairs(tx, workspaceId, embedding, options)),
    beginTurn: (input) => db.transaction((tx) => beginTurn(tx, input)),
    completeTurn: (input) => db.transaction((tx) => completeTurn(tx, input)),
    findReply: (workspaceId, sessionId, replyId) => findReply(db, workspaceId, sessionId, replyId),
    history: (workspaceId, sessionToken) => sessionHistory(db, workspaceId, sessionToken),
  };
}
