import { ClaraError } from '@clara/core';
import type { SqlExecutor } from '../database';

/** A gap as the inbox shows it, with its best match and resolving pair. */
export interface AdminGap {
  id: string;
  question: string;
  ai_answer: string | null;
  similarity_score: number | null;
  status: 'open' | 'resolved' | 'dismissed';
  session_id: string | null;
  created_at: Date;
  best_match: { id: string; question: string } | null;
  /** The pairs the visitor was offered as "Did you mean…?" (still active), in the order shown. */
  offered_pairs: { id: string; question: string }[];
  resolved_qa: { id: string; question: string } | null;
  /**
   * Who resolved it: `visitor` when a visitor picked one of the offered questions in the chat
   * (`chosen_at`; `resolved_qa` is their pick), `owner` when the owner answered or linked it;
   * null unless resolved.
   */
  resolved_by: 'visitor' | 'owner' | null;
  /** Who asked, as their session knows them (a widget visitor's name and email), or null. */
  asked_by: { name: string | null; email: string | null } | null;
  /** The session's channel (`web` when unrecorded); null when the session is gone. */
  channel: string | null;
  /** Dismissed: the visitors' asks of its question recorded on it since (`insertGap`'s `joinDismissed`); else 0. */
  asks_since_dismissed: number;
  /** When its question was last asked: when it was filed, or the latest ask recorded on it. */
  last_asked_at: Date;
}

/**
 * The still-active pairs a gap `g`'s "Did you mean…?" reply offered, in the order shown (a JSON
 * array of `{ id, question }`, empty for an honest gap reply): what the inbox may offer in one click.
 */
export const offeredPairs = `coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'question', o.question) ORDER BY x.n)
    FROM unnest(g.offered_qa_ids) WITH ORDINALITY x(qa_id, n)
    JOIN qa_pairs o ON o.id = x.qa_id AND o.workspace_id = g.workspace_id AND o.is_active), '[]'::jsonb)`;

/**
 * The visitor message at 1-based position `i` of session `s`'s messages was not answered: the
 * reply stored right after it (`completeTurn` puts a reply after its question) is a gap or a
 * "Did you mean…?" (`gap_detected`), or an answer the visitor rated down (what files a disliked
 * gap). An ask Clara answered, or one still waiting for its reply, is not.
 */
export const unansweredAsk = (i: string) => `((s.messages -> (${i})::int) ->> 'role' = 'assistant'
    AND (coalesce(((s.messages -> (${i})::int) ->> 'gap_detected')::boolean, false)
      OR (s.messages -> (${i})::int) ->> 'feedback' = 'down'))`;

/** The asker as the session `s` knows them: `{ name, email }` when either is known, else null. */
export const askedBy = `CASE WHEN s.visitor_name IS NULL AND s.visitor_email IS NULL THEN NULL
    ELSE jsonb_build_object('name', s.visitor_name, 'email', s.visitor_email) END`;

const select = `SELECT g.id, g.question, g.ai_answer, g.similarity_score, g.status, g.session_id, g.created_at,
    CASE WHEN b.id IS NULL THEN NULL ELSE jsonb_build_object('id', b.id, 'question', b.question) END AS best_match,
    CASE WHEN r.id IS NULL THEN NULL ELSE jsonb_build_object('id', r.id, 'question', r.question) END AS resolved_qa,
    ${offeredPairs} AS offered_pairs,
    CASE WHEN g.status <> 'resolved' THEN NULL WHEN g.chosen_at IS NOT NULL THEN 'visitor' ELSE 'owner' END AS resolved_by,
    ${askedBy} AS asked_by,
    CASE WHEN s.id IS NULL THEN NULL ELSE coalesce(s.metadata->>'channel', 'web') END AS channel,
    coalesce(f.n, 0) AS asks_since_dismissed,
    greatest(g.created_at, f.last_at) AS last_asked_at
  FROM qa_gaps g
  LEFT JOIN LATERAL (SELECT count(*)::int AS n, max(x.created_at) AS last_at FROM qa_gaps x
    WHERE x.dismissed_gap_id = g.id AND g.status = 'dismissed') f ON true
  LEFT JOIN qa_pairs b ON b.id = g.best_match_id
  LEFT JOIN qa_pairs r ON r.id = g.resolved_qa_id
  LEFT JOIN chat_sessions s ON s.id = g.session_id AND s.workspace_id = g.workspace_id`;

/**
 * The workspace's gaps with one status, newest first; never the asks recorded on a dismissed gap
 * (`dismissed_gap_id`): they are counted on it (`asks_since_dismissed`).
 */
export async function listAdminGaps(
  sql: SqlExecutor,
  workspaceId: string,
  status: string,
  limit: number,
): Promise<AdminGap[]> {
  return sql.query<AdminGap>(
    `${select} WHERE g.workspace_id = $1 AND g.status = $2 AND g.dismissed_gap_id IS NULL
      ORDER BY g.created_at DESC LIMIT $3`,
    [workspaceId, status, limit],
  );
}

/** Gap counts by status (the asks recorded on a dismissed gap are not gaps of their own). */
export async function gapCounts(
  sql: SqlExecutor,
  workspaceId: string,
): Promise<Record<AdminGap['status'], number>> {
  const rows = await sql.query<{ status: AdminGap['status']; n: number }>(
    'SELECT status, count(*)::int AS n FROM qa_gaps WHERE workspace_id = $1 AND dismissed_gap_id IS NULL GROUP BY status',
    [workspaceId],
  );
  const counts: Record<AdminGap['status'], number> = { open: 0, resolved: 0, dismissed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** The open gap, locked for the transition; 404 if not this workspace's, 409 if no longer open. */
export async function openGapForUpdate(sql: SqlExecutor, workspaceId: string, id: string): Promise<AdminGap> {
  const [row] = await sql.query<{ id: string; status: string }>(
    'SELECT id, status FROM qa_gaps WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [id, workspaceId],
  );
  if (!row) throw new ClaraError('not_found', 'No gap has this id.');
  if (row.status !== 'open') throw new ClaraError('conflict', `This gap is already ${row.status}.`);
  const [gap] = await sql.query<AdminGap>(`${select} WHERE g.id = $1`, [id]);
  if (!gap) throw new ClaraError('not_found', 'No gap has this id.');
  return gap;
}

/** The owner resolves or dismisses one gap; returns it as the inbox shows it. */
export async function closeGap(
  sql: SqlExecutor,
  workspaceId: string,
  id: string,
  status: 'resolved' | 'dismissed',
  resolvedQaId: string | null,
): Promise<AdminGap> {
  await sql.query(
    'UPDATE qa_gaps SET status = $3, resolved_qa_id = $4, owner_handled_at = now() WHERE id = $1 AND workspace_id = $2',
    [id, workspaceId, status, resolvedQaId],
  );
  const [gap] = await sql.query<AdminGap>(`${select} WHERE g.id = $1`, [id]);
  if (!gap) throw new ClaraError('not_found', 'No gap has this id.');
  return gap;
}

/**
 * Puts dismissed gaps back in the open inbox, all or none. `not_found` if one is not this
 * workspace's gap, `conflict` if one is not dismissed, or if one's wording (case-insensitive) is
 * open already (a visitor asked it again since, or two of them share it): one open gap a wording.
 */
export async function reopenGaps(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<number> {
  const unique = [...new Set(ids)];
  const rows = await sql.query<{ status: string; question: string }>(
    'SELECT status, question FROM qa_gaps WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
    [workspaceId, unique],
  );
  if (rows.length !== unique.length) throw new ClaraError('not_found', 'No gap has this id.');
  const closed = rows.find((r) => r.status !== 'dismissed');
  if (closed) {
    throw new ClaraError('conflict', `Only a dismissed gap can be reopened; this one is ${closed.status}.`);
  }
  const again = new ClaraError('conflict', 'A visitor asked this again: it is already open in the inbox.');
  const wordings = rows.map((r) => r.question.toLowerCase());
  if (new Set(wordings).size !== wordings.length) throw again;
  const [open] = await sql.query(
    `SELECT 1 FROM qa_gaps WHERE workspace_id = $1 AND status = 'open'
       AND lower(question) IN (SELECT lower(q) FROM unnest($2::text[]) AS q)`,
    [workspaceId, rows.map((r) => r.question)],
  );
  if (open) throw again;
  try {
    const updated = await sql.query(
      `UPDATE qa_gaps SET status = 'open', resolved_qa_id = NULL, owner_handled_at = now()
       WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND status = 'dismissed' RETURNING id`,
      [workspaceId, unique],
    );
    return updated.length;
  } catch (error) {
    // A visitor's gap of the same wording filed meanwhile (the one-open-gap-per-wording index).
    if ((error as { code?: string }).code === '23505') throw again;
    throw error;
  }
}

/** Puts one dismissed gap back in the open inbox (as `reopenGaps`); returns it as the inbox shows it. */
export async function reopenGap(sql: SqlExecutor, workspaceId: string, id: string): Promise<AdminGap> {
  await reopenGaps(sql, workspaceId, [id]);
  const [gap] = await sql.query<AdminGap>(`${select} WHERE g.id = $1`, [id]);
  if (!gap) throw new ClaraError('not_found', 'No gap has this id.');
  return gap;
}

/** The questions of the given gaps of the workspace, oldest first. */
export async function gapQuestions(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ id: string; question: string }[]> {
  return sql.query<{ id: string; question: string }>(
    'SELECT id, question FROM qa_gaps WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at',
    [workspaceId, [...new Set(ids)]],
  );
}
