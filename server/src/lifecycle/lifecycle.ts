/**
 * The process's life after start-up: whether it is shutting down, and the work (HTTP
 * requests, chat turns) that must finish before the database is closed.
 */
export interface Lifecycle {
  /** True once shutdown began: readiness answers 503 from then on. */
  readonly draining: boolean;
  /** How many tracked pieces of work are still running. */
  readonly inFlight: number;
  /** Marks the process as shutting down (idempotent). */
  drain(): void;
  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Resolves true once nothing is in flight, or false when `timeoutMs` passes (or `abort`
   * fires) first.
   */
  idle(timeoutMs: number, abort?: AbortSignal): Promise<boolean>;
}

/** Creates the lifecycle of one runtime. */
export function createLifecycle(): Lifecycle {
  let draining = false;
  let inFlight = 0;
  const waiters = new Set<() => void>();

  const settled = () => {
    inFlight--;
    if (inFlight === 0) for (const wake of [...waiters]) wake();
  };

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    drain() {
      draining = true;
    },
    track(work) {
      inFlight++;
      work.then(settled, settled);
      return work;
    },
    idle(timeoutMs, abort) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const finish = (done: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          abort?.removeEventListener('abort', stop);
          resolve(done);
        };
        const wake = () => finish(true);
        const stop = () => finish(false);
        const timer = setTimeout(stop, timeoutMs);
        waiters.add(wake);
        if (abort?.aborted) stop();
        else abort?.addEventListener('abort', stop, { once: true });
      });
    },
  };
}
