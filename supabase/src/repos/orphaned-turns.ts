import { type ChatMessage, replyIdFor } from '@clara/core';
import type { SqlExecutor } from '../database';

/** A visitor message stored without the reply its turn was to write (the process died mid-answer). */
export interface OrphanedTurn {
  workspaceId: string;
  sessionToken: string;
  messageId: string;
  content: string;
}

export interface FindOrphanedTurnsOptions {
  /** Only sessions last changed before this (a turn still being answered is younger). */
  before: Date;
  /** And after this, to keep a periodic sweep cheap (omit: every session). */
  after?: Date | undefined;
  limit?: number | undefined;
}

/** Index in `messages` after which the reply with id `replyId` belongs (its question), or -1. */
export function questionIndexOf(messages: readonly ChatMessage[], replyId: string): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'user' && replyIdFor(m.message_id) === replyId) return i;
  }
  return -1;
}

/**
 * User messages without their reply, in sessions last changed in [after, before). The SQL
 * pre-filters sessions holding more questions than answers; each question's derived reply
 * id decides.
 */
export async function findOrphanedTurns(
  sql: SqlExecutor,
  options: FindOrphanedTurnsOptions,
): Promise<OrphanedTurn[]> {
  const rows = await sql.query<{ workspace_id: string; session_token: string; messages: ChatMessage[] }>(
    `SELECT workspace_id, session_token, messages FROM chat_sessions s
     WHERE updated_at < $1 AND ($2::timestamptz IS NULL OR updated_at >= $2)
       AND (SELECT count(*) FILTER (WHERE m->>'role' = 'user') - count(*) FILTER (WHERE m->>'role' = 'assistant')
            FROM jsonb_array_elements(s.messages) m) > 0
     ORDER BY updated_at DESC
     LIMIT $3`,
    [options.before, options.after ?? null, options.limit ?? 1000],
  );
  const orphans: OrphanedTurn[] = [];
  for (const row of rows) {
    const ids = new Set(row.messages.map((m) => m.message_id));
    for (const m of row.messages) {
      if (m.role !== 'user' || ids.has(replyIdFor(m.message_id))) continue;
      orphans.push({
        workspaceId: row.workspace_id,
        sessionToken: row.session_token,
        messageId: m.message_id,
        content: m.content,
      });
    }
  }
  return orphans;
}
