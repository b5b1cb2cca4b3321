import { Worker } from 'node:worker_threads';

// Its own thread: a main thread stuck in a synchronous write (a log pipe whose reader is gone,
// which sonic-boom's exit flush retries forever) cannot stop it.
const source = `
const { workerData } = require('node:worker_threads');
setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.ms);
`;

/**
 * Guarantees the process ends: `ms` after this call it is killed (SIGKILL) if it has not
 * exited by itself. Arm it when shutdown starts, with the shutdown timeout plus a margin.
 */
export function armExitWatchdog(ms: number): void {
  const worker = new Worker(source, { eval: true, workerData: { pid: process.pid, ms } });
  // Never the reason the process stays alive.
  worker.unref();
}

/** Waits for the logger's buffered lines to be written, at most `ms` (a dead pipe never answers). */
export function flushLogs(logger: { flush(cb?: (err?: Error) => void): void }, ms = 1000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    try {
      logger.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
