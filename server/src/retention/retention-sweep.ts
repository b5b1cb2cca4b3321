import { parseSettings } from '@clara/core';
import {
  claimMaintenanceRun,
  type Database,
  deleteConversationsBefore,
  finishMaintenanceRun,
  listRetentionWorkspaces,
  pruneChannelEvents,
} from '@clara/supabase';
import type { Logger } from '../logger';

const dayMs = 24 * 3600_000;
/** Conversations deleted per transaction: each batch holds its row locks only briefly. */
const batchSize = 500;
const task = 'retention';
/**
 * How long a Slack/Teams event claim (`channel_events`) is kept: its only job is to refuse the
 * provider's redeliveries, which come within minutes (Slack retries three times over a few minutes;
 * Bot Framework redelivers a failed or timed-out activity soon after).
 */
export const channelEventRetentionDays = 7;

/** What one sweep deleted, in total and per workspace. */
export interface RetentionResult {
  workspaces: number;
  conversations: number;
  gaps: number;
  /** Slack/Teams event claims older than `channelEventRetentionDays`, in every workspace. */
  channel_events: number;
}

/**
 * Deletes, in every workspace with a `retention_days` setting, the conversations last active
 * more than that many days before `now` and the gaps filed from them (real DELETEs, in batches),
 * then every Slack/Teams event claim older than `channelEventRetentionDays`, whatever the
 * workspace's setting. Safe to run on several instances at once: each batch skips rows another
 * one holds.
 */
export async function sweepRetention(
  db: Database,
  options: { now: Date; logger?: Pick<Logger, 'info'> },
): Promise<RetentionResult> {
  const total: RetentionResult = { workspaces: 0, conversations: 0, gaps: 0, channel_events: 0 };
  for (const ws of await listRetentionWorkspaces(db)) {
    const days = parseSettings(ws.settings).retention_days;
    if (days === null) continue;
    const cutoff = new Date(options.now.getTime() - days * dayMs);
    let conversations = 0;
    let gaps = 0;
    for (;;) {
      const batch = await db.transaction((tx) => deleteConversationsBefore(tx, ws.id, cutoff, batchSize));
      conversations += batch.conversations;
      gaps += batch.gaps;
      if (batch.conversations < batchSize && batch.gaps < batchSize) break;
    }
    total.workspaces++;
    total.conversations += conversations;
    total.gaps += gaps;
    if (conversations + gaps > 0)
      options.logger?.info(
        { workspace_id: ws.id, retention_days: days, conversations, gaps },
        'retention: deleted old conversations',
      );
  }
  const claimsCutoff = new Date(options.now.getTime() - channelEventRetentionDays * dayMs);
  for (;;) {
    const pruned = await pruneChannelEvents(db, claimsCutoff, batchSize * 10);
    total.channel_events += pruned;
    if (pruned < batchSize * 10) break;
  }
  if (total.channel_events > 0)
    options.logger?.info(
      { channel_events: total.channel_events, retention_days: channelEventRetentionDays },
      'retention: pruned old channel event claims',
    );
  return total;
}

/**
 * Runs the sweep once a day (UTC) across every instance: the instance that claims the day in
 * `maintenance_runs` sweeps; a claim left unfinished for 30 minutes is taken over.
 * Returns the result, or null when another instance has the day.
 */
export async function runDailyRetention(
  db: Database,
  options: { now: Date; logger?: Pick<Logger, 'info'> },
): Promise<RetentionResult | null> {
  const day = options.now.toISOString().slice(0, 10);
  if (!(await claimMaintenanceRun(db, task, day, 1800))) return null;
  const result = await sweepRetention(db, options);
  await finishMaintenanceRun(db, task, day, { ...result });
  return result;
}

/**
 * `clara serve`: tries the daily sweep soon after start and then every hour (only the first
 * try of a UTC day on any instance sweeps). `clock` is injectable for tests. Returns a stop function.
 */
export function startRetentionSweep(
  db: Database,
  logger: Logger,
  options: { clock?: () => Date; everyMs?: number; firstAfterMs?: number } = {},
): () => void {
  const clock = options.clock ?? (() => new Date());
  const attempt = () =>
    void runDailyRetention(db, { now: clock(), logger }).catch((error: unknown) =>
      logger.warn({ code: (error as { code?: unknown }).code }, 'retention sweep failed'),
    );
  const first = setTimeout(attempt, options.firstAfterMs ?? 60_000);
  first.unref();
  const timer = setInterval(attempt, options.everyMs ?? 3600_000);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
