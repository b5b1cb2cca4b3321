import type { SqlExecutor } from '../database';

/** The overview's counts for a workspace. */
export interface OverviewCounts {
  /** The owner's own pairs (phrasings apart), all and active. */
  pairs: number;
  active_pairs: number;
  /** Active phrasings (visitors' wordings kept from the gap inbox, alternative phrasings). */
  phrasings: number;
  open_gaps: number;
  conversations_7d: number;
}

/** The owner's pairs (all, active), active phrasings, open gaps and conversations started in the last 7 days. */
export async function overviewCounts(sql: SqlExecutor, workspaceId: string): Promise<OverviewCounts> {
  const [counts] = await sql.query<OverviewCounts>(
    `SELECT
       (SELECT count(*)::int FROM qa_pairs WHERE workspace_id = $1 AND metadata->>'phrasing_of' IS NULL) AS pairs,
       (SELECT count(*)::int FROM qa_pairs
         WHERE workspace_id = $1 AND is_active AND metadata->>'phrasing_of' IS NULL) AS active_pairs,
       (SELECT count(*)::int FROM qa_pairs
         WHERE workspace_id = $1 AND is_active AND metadata->>'phrasing_of' IS NOT NULL) AS phrasings,
       (SELECT count(*)::int FROM qa_gaps WHERE workspace_id = $1 AND status = 'open') AS open_gaps,
       (SELECT count(*)::int FROM chat_sessions WHERE workspace_id = $1 AND created_at > now() - interval '7 days') AS conversations_7d`,
    [workspaceId],
  );
  return counts ?? { pairs: 0, active_pairs: 0, phrasings: 0, open_gaps: 0, conversations_7d: 0 };
}

/** Replies answered and gaps detected on one UTC day (`YYYY-MM-DD`). */
export interface RepliesOnDay {
  day: string;
  answered: number;
  gaps: number;
}

/**
 * Assistant replies per UTC day over the last `days` days, answered vs gap (days without any left
 * out). Answered: a reply from the knowledge base (not a gap, with a matched pair); small talk
 * ("hi", "thanks", "ok") and a booking offer are neither.
 */
export async function repliesPerDay(
  sql: SqlExecutor,
  workspaceId: string,
  days: number,
): Promise<RepliesOnDay[]> {
  return sql.query<RepliesOnDay>(
    `SELECT to_char(((m->>'timestamp')::timestamptz AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
       count(*) FILTER (WHERE (m->>'gap_detected')::boolean IS NOT TRUE
         AND CASE WHEN jsonb_typeof(m->'matched_qa_ids') = 'array' THEN jsonb_array_length(m->'matched_qa_ids') ELSE 0 END > 0)::int AS answered,
       count(*) FILTER (WHERE (m->>'gap_detected')::boolean)::int AS gaps
     FROM chat_sessions s, jsonb_array_elements(s.messages) m
     WHERE s.workspace_id = $1 AND s.updated_at > now() - make_interval(days => $2)
       AND m->>'role' = 'assistant' AND (m->>'timestamp')::timestamptz > now() - make_interval(days => $2)
     GROUP BY 1`,
    [workspaceId, days],
  );
}
