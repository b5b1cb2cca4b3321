import { randomUUID } from 'node:crypto';
import type { TestServer } from './test-server';

/**
 * Creates a workspace under a chosen id: TEAMS_WORKSPACE_ID is read at start-up, before
 * the test server can create workspaces, so the new workspace takes the configured id.
 */
export async function createWorkspaceWithId(
  server: TestServer,
  workspaceId: string,
  settings: Record<string, unknown> = {},
): Promise<void> {
  const { workspaceId: created } = await server.createWorkspace({ settings });
  await server.db.query('UPDATE workspaces SET id = $1 WHERE id = $2', [workspaceId, created]);
}

/** Posts an activity to the server's Teams endpoint. */
export function postActivity(server: TestServer, activity: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/teams/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

export interface StoredSession {
  id: string;
  visitor_name: string | null;
  metadata: Record<string, unknown>;
  messages: { message_id: string; role: string; content: string; suggestion_chips?: string[] }[];
}

/** The chat session of a Teams conversation. */
export async function sessionOf(server: TestServer, workspaceId: string, conversationId: string) {
  const rows = await server.db.query<StoredSession>(
    'SELECT id, visitor_name, metadata, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
    [workspaceId, `teams:${conversationId}`],
  );
  return rows;
}

export const newWorkspaceId = () => randomUUID();
