import type { Overview } from '@clara/contract';
import { overviewCounts, repliesPerDay, type SqlExecutor } from '@clara/supabase';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';

const days = 14;

async function overview(tx: SqlExecutor, ws: string, now: Date): Promise<Overview> {
  const counts = await overviewCounts(tx, ws);
  const rows = await repliesPerDay(tx, ws, days);
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
