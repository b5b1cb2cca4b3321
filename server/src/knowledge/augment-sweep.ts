import type { Embedder, LanguageModelResolver } from '@clara/core';
import { augmentingWorkspaces, type Database, getWorkspace } from '@clara/supabase';
import { createUsageMeter } from '../llm';
import type { Logger } from '../logger';
import { augmentPairs } from './augment-pairs';

export interface AugmentSweepOptions {
  db: Database;
  embedder: Embedder;
  models: LanguageModelResolver;
  logger?: Pick<Logger, 'info' | 'warn'> | undefined;
  /** Default 30 000 ms. */
  intervalMs?: number;
}

/** The background job that writes phrasings for new pairs of workspaces that turned it on. */
export interface AugmentSweep {
  /** One pass over every workspace with `augment_questions` (what the timer runs). */
  runOnce(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Every interval, for each workspace with `settings.augment_questions` and a default key: its
 * pairs not augmented yet (new ones, from any import or edit) get phrasings, within the daily cap.
 */
export function createAugmentSweep(options: AugmentSweepOptions): AugmentSweep {
  const usage = createUsageMeter(options.db);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function runOnce(): Promise<void> {
    for (const workspaceId of await augmentingWorkspaces(options.db)) {
      try {
        const model = await options.models.resolveModel(workspaceId);
        const workspace = model ? await getWorkspace(options.db, workspaceId) : null;
        if (!model || !workspace) continue;
        const result = await augmentPairs({
          db: options.db,
          embedder: options.embedder,
          model,
          usage,
          workspaceId,
          dailyCap: workspace.settings.llm_daily_cap,
        });
        if (result.pairs + result.capped + result.failed > 0) {
          options.logger?.info({ workspace_id: workspaceId, ...result }, 'phrasings written for new pairs');
        }
      } catch (error) {
        const code = (error as { code?: unknown })?.code;
        options.logger?.warn(
          { workspace_id: workspaceId, code: typeof code === 'string' ? code : 'unknown' },
          'phrasings not written',
        );
      }
    }
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = runOnce().finally(() => {
          running = null;
        });
      }, options.intervalMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
