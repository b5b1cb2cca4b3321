import type { SqlExecutor } from '@clara/supabase';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';

const days = 14;

async function overview(tx: SqlExecutor, ws: string, now: Date) {
  const [counts] = await tx.query<{
    pairs: number;
    active_pairs: number;
    open_gaps: number;
    conversations_7d: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM qa_pairs WHERE workspace_id = $1) AS pairs,
       (SELECT count(*)::int FROM qa_pairs WHERE workspace_id = $1 AND is_active) AS active_pairs,
       (SELECT count(*)::int FROM qa_gaps WHERE workspace_id = $1 AND status = 'open') AS open_gaps,
       (SELECT count(*)::int FROM chat_sessions WHERE workspace_id = $1 AND created_at > now() - interval '7 days') AS conversations_7d`,
    [ws],
  );
  const rows = await tx.query<{ day: string; answered: number; gaps: number }>(
    `SELECT to_char(((m->>'timestamp')::timestamptz AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
       count(*) FILTER (WHERE (m->>'gap_detected')::boolean IS NOT TRUE)::int AS answered,
       count(*) FILTER (WHERE (m->>'gap_detected')::boolean)::int AS gaps
     FROM chat_sessions s, jsonb_array_elements(s.messages) m
     WHERE s.workspace_id = $1 AND s.updated_at > now() - make_interval(days => $2)
       AND m->>'role' = 'assistant' AND (m->>'timestamp')::timestamptz > now() - make_interval(days => $2)
     GROUP BY 1`,
    [ws, days],
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const perDay = Array.from({ length: days }, (_, i) => {
    const day = new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const row = byDay.get(day);
    return { day, answered: row?.answered ?? 0, gaps: row?.gaps ?? 0 };
  });
  const last7 = perDay.slice(-7);
  const answered = last7.reduce((n, d) => n + d.answered, 0);
  const gaps = last7.reduce((n, d) => n + d.gaps, 0);
  return {
    ...counts,
    answered_7d: answered,
    gaps_7d: gaps,
    answer_rate_7d: answered + gaps === 0 ? null : Math.round((answered / (answered + gaps)) * 1000) / 1000,
    per_day: perDay,
  };
}

/** The overview: counts, the 7-day answered vs gap rate, and answers vs gaps per day (14 days). */
export const registerOverviewRoutes: RegisterRoutes = (router, { db }) => {
  router.get('/overview', async (ctx) => {
    ctx.body = await ownerRun(ctx, db)((tx, ws) => overview(tx, ws, new Date()));
  });
};
