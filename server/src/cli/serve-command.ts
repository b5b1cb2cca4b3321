import { ClaraError } from '@clara/core';
import { recoverInterruptedImports } from '../admin/knowledge/import-recovery';
import { ensureDemo } from '../demo/ensure-demo';
import { startFollowupDispatcher } from '../followups/start-followups';
import { startSearchTextBackfill } from '../knowledge/search-text-backfill';
import { armExitWatchdog, flushLogs } from '../lifecycle/exit-watchdog';
import { startOrphanRepair } from '../lifecycle/orphan-repair';
import { startRetentionSweep } from '../retention/retention-sweep';
import type { Runtime } from '../runtime';
import { listen } from '../server';
import { out } from './output';
import { requireMigrated } from './require-migrated';
import { markServerStopped, writeServerUrl } from './server-url';

// Closing the database and exiting after the drain timeout.
const watchdogMarginMs = 5000;

/**
 * Serves until SIGINT/SIGTERM, then shuts down gracefully (see `RunningServer.shutdown`);
 * with `demo`, seeds the demo workspace on first start and prints the login.
 */
export async function serveCommand(
  runtime: Runtime,
  options: { port?: number; demo: boolean },
): Promise<void> {
  // A never-migrated database is refused with the hint /readyz gives (not a missing-table crash).
  await requireMigrated(runtime.db, runtime.logger);
  const demo = options.demo ? await ensureDemo(runtime) : null;
  // Questions a crash left without a reply are answered (or filed as gaps) before new ones come in.
  const stopRepair = await startOrphanRepair(runtime);
  // Imports a crash cut are failed and their saved rows removed (embedded: every running one, as
  // no other process can be running it; Postgres: those without progress for two minutes).
  const embedded = runtime.db.kind === 'pglite';
  await recoverInterruptedImports(runtime.db, runtime.logger, embedded ? null : 120);
  const importSweep = embedded
    ? undefined
    : setInterval(
        () =>
          void recoverInterruptedImports(runtime.db, runtime.logger, 120).catch(() =>
            runtime.logger.warn('interrupted-import sweep failed'),
          ),
        60_000,
      ).unref();
  // Pairs written before their stored search text existed: filled meanwhile, searched all along.
  const searchTextBackfill = startSearchTextBackfill(runtime.db, runtime.logger);
  // Conversations past a workspace's retention_days: one instance a day sweeps them.
  const stopRetention = startRetentionSweep(runtime.db, runtime.logger);
  // Answered gaps from Slack and Teams: the askers are told (one follow-up each, across instances).
  const followups = startFollowupDispatcher(runtime);
  const port = options.port ?? runtime.config.port;
  const running = await listen(runtime, port).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new ClaraError(
        'conflict',
        `port ${port} is already in use: stop the other server or pass --port N (or PORT=N)`,
      );
    if (error.code === 'EACCES')
      throw new ClaraError('forbidden', `no permission to listen on port ${port}: pick a port above 1024`);
    throw error;
  });
  runtime.logger.info({ url: running.url, database: runtime.db.kind }, 'Clara is listening');
  // For `clara owner invite` (which opens no database): the port this server really listens on.
  writeServerUrl(runtime.config.dataDir, running.url);
  out.text('');
  out.text(`  Clara is running at ${running.url}`);
  out.text(
    `  Database: ${runtime.db.kind === 'pglite' ? `embedded (${runtime.config.dataDir})` : 'Postgres (DATABASE_URL)'}`,
  );
  if (demo) {
    out.text(`  Demo chat:        ${running.url}/demo`);
    out.text(`  Demo workspace:   ${demo.login.workspace_id}`);
    out.text(`  Owner login:      ${demo.login.email} / ${demo.login.password}`);
    if (demo.created) out.text('  (first start: demo workspace and 21 Q&A pairs created)');
  }
  out.text(`  Chat API:         POST ${running.url}/api/chat`);
  out.text(`  Admin:            ${running.url}/admin`);
  out.text('');

  // First signal: drain gracefully. A second one stops waiting for what is still in flight.
  const impatient = new AbortController();
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      // Whatever happens to stdout/stderr from here on, the process ends shortly after the timeout.
      armExitWatchdog(runtime.config.shutdownTimeoutMs + watchdogMarginMs);
      const again = (second: NodeJS.Signals) => {
        runtime.logger.warn({ signal: second }, 'second signal: not waiting for in-flight work');
        impatient.abort();
      };
      process.once('SIGINT', again);
      process.once('SIGTERM', again);
      runtime.logger.info(
        { signal, in_flight: runtime.lifecycle.inFlight, timeout_ms: runtime.config.shutdownTimeoutMs },
        'shutting down: draining',
      );
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  markServerStopped(runtime.config.dataDir);
  stopRepair();
  stopRetention();
  await searchTextBackfill.stop();
  await followups.stop();
  if (importSweep) clearInterval(importSweep);
  const result = await running.shutdown({
    timeoutMs: runtime.config.shutdownTimeoutMs,
    abort: impatient.signal,
  });
  if (result.drained) runtime.logger.info({ ms: result.ms }, 'drained: every request and answer finished');
  else
    runtime.logger.warn(
      { ms: result.ms, abandoned: result.abandoned },
      'shutdown timeout: cutting what is still in flight',
    );
  // A log line still buffered for a pipe whose reader is gone would make the exit flush retry
  // forever: write what can be written now (a dead pipe is then noticed and logging stops).
  await flushLogs(runtime.logger);
  // The caller closes the runtime (the database) next.
}
