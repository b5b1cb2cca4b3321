import type { TurnSlot } from '@clara/channel-web';

/** Options of the chat turn admission. */
export interface TurnAdmissionOptions {
  /** Turns handled at once; the rest wait in arrival order. */
  concurrency: number;
  /**
   * The longest a turn waits for a slot before it is refused (0 = no limit). A turn is also
   * refused on arrival while the oldest waiting turn has waited half of it: the queue is not
   * draining, and this one would likely time out too.
   */
  maxQueueMs: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Admits chat turns: a slot now, a slot after a wait, or a refusal past capacity. */
export interface TurnAdmission {
  /** A slot to release when the turn is done, or (past capacity) the seconds to wait. */
  acquire(): Promise<TurnSlot>;
  readonly inFlight: number;
  readonly queued: number;
}

/** Seconds a refused client is asked to wait (Retry-After). */
export const busyRetryAfterSeconds = 1;

const busy: TurnSlot = { retryAfterSeconds: busyRetryAfterSeconds };

interface Waiter {
  since: number;
  grant: () => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * A first-in, first-out limit on concurrent turns. Without it, every request in flight takes
 * its turn at the database for each of its statements, so at 50 connections each turn waits
 * behind all the others several times over (p99 of seconds); with it, a turn waits once, in
 * order, and past capacity (`maxQueueMs`) the client gets a fast 503 and `Retry-After`.
 */
export function createTurnAdmission(options: TurnAdmissionOptions): TurnAdmission {
  const now = options.now ?? Date.now;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const waiters: Waiter[] = [];
  let inFlight = 0;

  const slot = (): TurnSlot => {
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const next = waiters.shift();
        if (next) {
          clearTimeout(next.timer);
          next.grant();
        } else inFlight--;
      },
    };
  };

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiters.length;
    },
    acquire() {
      if (inFlight < concurrency) {
        inFlight++;
        return Promise.resolve(slot());
      }
      const t = now();
      const head = waiters[0];
      if (options.maxQueueMs > 0 && head && t - head.since >= options.maxQueueMs / 2) {
        return Promise.resolve(busy);
      }
      return new Promise((resolve) => {
        const waiter: Waiter = { since: t, grant: () => resolve(slot()), timer: undefined };
        if (options.maxQueueMs > 0) {
          waiter.timer = setTimeout(() => {
            const i = waiters.indexOf(waiter);
            if (i >= 0) waiters.splice(i, 1);
            resolve(busy);
          }, options.maxQueueMs);
        }
        waiters.push(waiter);
      });
    },
  };
}
