import { createChatEngine } from '@clara/core';
import { findOrphanedTurns } from '@clara/supabase';
import type { Runtime } from '../runtime';

/** What one repair pass did. */
export interface OrphanRepairResult {
  repaired: number;
  failed: number;
}

export interface RepairOptions {
  /** Only turns in sessions last changed before this (younger ones may still be answered). */
  before: Date;
  after?: Date | undefined;
}

/** A turn answered within this long is still in flight somewhere (LLM limits are 20 s + lease). */
export const orphanMinAgeMs = 120_000;

/**
 * Completes the turns a crash cut between storing the question and storing its reply: each
 * gets the extractive answer (no model call: the visitor is gone) placed right after its
 * question, and a gap when the knowledge base could not answer it, exactly as a live turn
 * would. Runs through the engine's own take-over path, so a reply stored meanwhile wins.
 */
export async function repairOrphanedTurns(
  runtime: Pick<Runtime, 'db' | 'store' | 'embedder' | 'logger'>,
  options: RepairOptions,
): Promise<OrphanRepairResult> {
  const orphans = await findOrphanedTurns(runtime.db, options);
  if (orphans.length === 0) return { repaired: 0, failed: 0 };
  // No `models`: extractive only. Lease 0: these turns' writers are gone, take over at once.
  const engine = createChatEngine({
    store: runtime.store,
    embedder: runtime.embedder,
    logger: runtime.logger,
    inFlightLeaseMs: 0,
  });
  let repaired = 0;
  let failed = 0;
  for (const orphan of orphans) {
    try {
      await engine.turn({
        workspaceId: orphan.workspaceId,
        sessionToken: orphan.sessionToken,
        messageId: orphan.messageId,
        message: orphan.content,
      });
      repaired++;
    } catch (error) {
      failed++;
      runtime.logger.warn(
        {
          workspace_id: orphan.workspaceId,
          message_id: orphan.messageId,
          code: (error as { code?: unknown }).code,
        },
        'could not complete an unanswered turn',
      );
    }
  }
  runtime.logger.info({ repaired, failed }, 'completed turns left unanswered by a crash');
  return { repaired, failed };
}

/**
 * Start-up repair for `clara serve`. Embedded: this process holds the data directory's lock,
 * so every unanswered turn is dead: all are repaired before the server listens. Postgres:
 * another instance may be answering, so turns are repaired once they are two minutes old,
 * now and every minute (a crashed instance's turns are picked up by the survivors).
 * Returns a stop function.
 */
export async function startOrphanRepair(
  runtime: Pick<Runtime, 'db' | 'embedder' | 'logger' | 'store'>,
): Promise<() => void> {
  if (runtime.db.kind === 'pglite') {
    await repairOrphanedTurns(runtime, { before: new Date() });
    return () => {};
  }
  const pass = (after: Date) => {
    const now = Date.now();
    return repairOrphanedTurns(runtime, { before: new Date(now - orphanMinAgeMs), after }).catch(
      (error: unknown) =>
        runtime.logger.warn({ code: (error as { code?: unknown }).code }, 'unanswered-turn repair failed'),
    );
  };
  void pass(new Date(Date.now() - 24 * 3600_000));
  const timer = setInterval(() => void pass(new Date(Date.now() - 3600_000)), 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
