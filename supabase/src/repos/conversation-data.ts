import type { SqlExecutor } from '../database';

/** What a deletion removed. */
export interface DeletedConversations {
  conversations: number;
  gaps: number;
}

/**
 * Deletes one conversation and the gaps filed from it (the visitor's words in the inbox).
 * Owner path: RLS scopes it; `workspaceId` is checked too. Null when no such conversation.
 */
export async function deleteConversation(
  sql: SqlExecutor,
  workspaceId: string,
  conversationId: string,
): Promise<DeletedConversations | null> {
  const locked = await sql.query<{ id: string }>(
    'SELECT id FROM chat_sessions WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [conversationId, workspaceId],
  );
  if (locked.length === 0) return null;
  return deleteSessions(sql, workspaceId, [conversationId]);
}

async function deleteSessions(
  sql: SqlExecutor,
  workspaceId: string,
  ids: string[],
): Promise<DeletedConversations> {
  // Gaps first: the foreign key would otherwise keep them with session_id = NULL.
  const gaps = await sql.query<{ id: string }>(
    'DELETE FROM qa_gaps WHERE workspace_id = $1 AND session_id = ANY($2::uuid[]) RETURNING id',
    [workspaceId, ids],
  );
  const sessions = await sql.query<{ id: string }>(
    'DELETE FROM chat_sessions WHERE workspace_id = $1 AND id = ANY($2::uuid[]) RETURNING id',
    [workspaceId, ids],
  );
  return { conversations: sessions.length, gaps: gaps.length };
}

/**
 * Retention: deletes up to `limit` conversations of the workspace last active before `cutoff`,
 * with their gaps, and gaps filed before it that no longer belong to a conversation. Rows a
 * concurrent sweep or a live turn holds are skipped (`SKIP LOCKED`): two sweeps at once split
 * the work. Call in a transaction, repeatedly until fewer than `limit` conversations go.
 */
export async function deleteConversationsBefore(
  sql: SqlExecutor,
  workspaceId: string,
  cutoff: Date,
  limit: number,
): Promise<DeletedConversations> {
  const doomed = await sql.query<{ id: string }>(
    `SELECT id FROM chat_sessions WHERE workspace_id = $1 AND updated_at < $2
     ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [workspaceId, cutoff, limit],
  );
  const deleted = doomed.length
    ? await deleteSessions(
        sql,
        workspaceId,
        doomed.map((r) => r.id),
      )
    : { conversations: 0, gaps: 0 };
  const orphans = await sql.query<{ id: string }>(
    `DELETE FROM qa_gaps WHERE id IN (
       SELECT id FROM qa_gaps WHERE workspace_id = $1 AND session_id IS NULL AND created_at < $2
       LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [workspaceId, cutoff, limit],
  );
  return { conversations: deleted.conversations, gaps: deleted.gaps + orphans.length };
}

/** Workspaces whose settings name a retention period (service path), with their raw settings. */
export function listRetentionWorkspaces(sql: SqlExecutor): Promise<{ id: string; settings: unknown }[]> {
  return sql.query<{ id: string; settings: unknown }>(
    `SELECT id, settings FROM workspaces WHERE jsonb_typeof(settings->'retention_days') = 'number' ORDER BY id`,
  );
}

/** One conversation as exported: the session and every stored message. */
export interface ExportedConversation {
  id: string;
  channel: string;
  created_at: Date;
  updated_at: Date;
  visitor_name: string | null;
  visitor_email: string | null;
  booking_offered: boolean;
  messages: Record<string, unknown>[];
}

/**
 * A page of the workspace's conversations in creation order, after `after` (keyset paging), for
 * an export. Filtered by `workspaceId` on top of RLS: exactly this workspace's conversations.
 */
export function exportConversationsPage(
  sql: SqlExecutor,
  workspaceId: string,
  after: { created_at: Date; id: string } | null,
  limit: number,
): Promise<ExportedConversation[]> {
  return sql.query<ExportedConversation>(
    `SELECT id, coalesce(metadata->>'channel', 'web') AS channel, created_at, updated_at,
       visitor_name, visitor_email, escalated AS booking_offered, messages
     FROM chat_sessions
     WHERE workspace_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
     ORDER BY created_at, id LIMIT $4`,
    [workspaceId, after?.created_at ?? null, after?.id ?? null, limit],
  );
}

/**
 * Claims today's run of a maintenance task for this instance: true when no instance has run
 * it today, or a claim was left unfinished for `staleAfterSeconds` (its instance died).
 */
export async function claimMaintenanceRun(
  sql: SqlExecutor,
  task: string,
  day: string,
  staleAfterSeconds: number,
): Promise<boolean> {
  const rows = await sql.query<{ task: string }>(
    `INSERT INTO maintenance_runs (task, day) VALUES ($1, $2::date)
     ON CONFLICT (task, day) DO UPDATE SET claimed_at = now()
       WHERE maintenance_runs.finished_at IS NULL
         AND maintenance_runs.claimed_at < now() - make_interval(secs => $3)
     RETURNING task`,
    [task, day, staleAfterSeconds],
  );
  return rows.length > 0;
}

/** Marks a claimed maintenance run finished, with what it did. */
export async function finishMaintenanceRun(
  sql: SqlExecutor,
  task: string,
  day: string,
  result: Record<string, unknown>,
): Promise<void> {
  await sql.query(
    'UPDATE maintenance_runs SET finished_at = now(), result = $3::jsonb WHERE task = $1 AND day = $2::date',
    [task, day, JSON.stringify(result)],
  );
}
