import type { SqlExecutor } from '../database';
import { unansweredAsk } from './admin-gaps';

/** The thumbs-down being taken back: the question it filed a gap for and the disliked answer. */
export interface WithdrawnDislike {
  workspaceId: string;
  sessionId: string;
  question: string;
  aiAnswer: string;
}

/**
 * A visitor took back a thumbs-down (run it in `recordFeedback`'s transaction, after the new
 * rating is stored): deletes the gap that thumbs-down filed — this session's open gap for that
 * wording (case-insensitive) with that answer — when no visitor's ask is still counted on it
 * (`unansweredAsk`, as the inbox's "asked N times" counts them since the gap was filed). A gap
 * the owner resolved or dismissed is not open and stays; one other asks are counted on stays
 * (this visitor's ask, now rated up, is simply no longer counted). Nor is a gap the owner has
 * handled (`owner_handled_at`: dismissed and reopened, say) withdrawn, though it is open again.
 * Returns whether one was deleted.
 */
export async function withdrawDislikedGap(sql: SqlExecutor, dislike: WithdrawnDislike): Promise<boolean> {
  const rows = await sql.query(
    `DELETE FROM qa_gaps g
     WHERE g.workspace_id = $1 AND g.session_id = $2 AND g.status = 'open' AND g.owner_handled_at IS NULL
       AND lower(g.question) = lower($3) AND g.ai_answer = $4
       AND NOT EXISTS (
         SELECT 1 FROM chat_sessions s, jsonb_array_elements(s.messages) WITH ORDINALITY AS x(m, i)
         WHERE s.workspace_id = $1 AND s.updated_at >= g.created_at - interval '1 minute'
           AND x.m->>'role' = 'user' AND lower(x.m->>'content') = lower(g.question)
           AND (x.m->>'timestamp')::timestamptz >= g.created_at - interval '1 minute'
           AND ${unansweredAsk('x.i')})
     RETURNING g.id`,
    [dislike.workspaceId, dislike.sessionId, dislike.question, dislike.aiAnswer],
  );
  return rows.length > 0;
}
