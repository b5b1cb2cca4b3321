import type { TurnSlot } from '@clara/channel-web';

/** Options of the chat turn admission. */
export interface TurnAdmissionOptions {
  /** Turns handled at once; the rest wait, each workspace's in arrival order. */
  concurrency: number;
  /**
   * Turns one workspace may hold while another workspace has a turn waiting (default: half of
   * `concurrency`, rounded up; at most `concurrency`). Alone, a workspace may use every free slot.
   */
  perWorkspace?: number | undefined;
  /**
   * The longest a turn waits for a slot before it is refused (0 = no limit). A turn is also
   * refused on arrival while the oldest turn it would wait behind has waited half of it (its own
   * workspace's, or one of a workspace served before it): the line is not draining, and this
   * one would likely time out too.
   */
  maxQueueMs: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Admits chat turns: a slot now, a slot after a wait, or a refusal past capacity. */
export interface TurnAdmission {
  /** A slot to release when the turn is done, or (past capacity) the seconds to wait. */
  acquire(workspaceId: string): Promise<TurnSlot>;
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
 * A fair limit on concurrent turns. Without a limit, every request in flight takes its turn at
 * the database for each of its statements, so at 50 connections each turn waits behind all the
 * others several times over (p99 of seconds); with it, a turn waits once, and past capacity
 * (`maxQueueMs`) the client gets a fast 503 and `Retry-After`. Fair: a freed slot goes to the
 * waiting workspace with the fewest turns in progress (ties: the one served least recently), each
 * workspace's turns in arrival order, and a workspace holding `perWorkspace` slots takes no more
 * while another workspace has a turn waiting; so one workspace with a slow model cannot make
 * another's turns wait behind its whole queue (at most until the next slot frees). Alone, a
 * workspace may use every free slot: no slot stays idle for a workspace that is not asking.
 */
export function createTurnAdmission(options: TurnAdmissionOptions): TurnAdmission {
  const now = options.now ?? Date.now;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const share = Math.min(
    concurrency,
    Math.max(1, Math.floor(options.perWorkspace ?? Math.ceil(concurrency / 2))),
  );
  // Waiting turns per workspace; the map's order is the round-robin order (served: to the back).
  const lines = new Map<string, Waiter[]>();
  const holding = new Map<string, number>();
  let inFlight = 0;
  let queued = 0;

  const held = (workspaceId: string) => holding.get(workspaceId) ?? 0;

  const take = (workspaceId: string): TurnSlot => {
    inFlight++;
    holding.set(workspaceId, held(workspaceId) + 1);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        inFlight--;
        const left = held(workspaceId) - 1;
        if (left > 0) holding.set(workspaceId, left);
        else holding.delete(workspaceId);
        dispatch();
      },
    };
  };

  /** A workspace may take a free slot while under its share, or past it while no other workspace waits. */
  const mayTake = (workspaceId: string) =>
    held(workspaceId) < share || lines.size <= (lines.has(workspaceId) ? 1 : 0);

  /** The waiting workspace a free slot goes to: one that may take it, fewest in progress, least recently served. */
  const nextLine = (): string | undefined => {
    let best: string | undefined;
    let bestHeld = Number.POSITIVE_INFINITY;
    for (const workspaceId of lines.keys()) {
      const h = held(workspaceId);
      if (h < bestHeld && mayTake(workspaceId)) {
        best = workspaceId;
        bestHeld = h;
      }
    }
    return best;
  };

  const dispatch = () => {
    while (inFlight < concurrency) {
      const workspaceId = nextLine();
      if (workspaceId === undefined) return;
      const line = lines.get(workspaceId) ?? [];
      const waiter = line.shift();
      lines.delete(workspaceId);
      if (line.length > 0) lines.set(workspaceId, line); // to the back of the round
      if (!waiter) continue;
      queued--;
      clearTimeout(waiter.timer);
      waiter.grant();
    }
  };

  /** The line is not draining: the oldest turn this one would wait behind has waited half of maxQueueMs. */
  const standingStill = (workspaceId: string, t: number) => {
    if (options.maxQueueMs <= 0) return false;
    const own = held(workspaceId);
    for (const [other, line] of lines) {
      const head = line[0];
      if (!head || t - head.since < options.maxQueueMs / 2) continue;
      const h = held(other);
      if (other === workspaceId || (h <= own && h < share)) return true;
    }
    return false;
  };

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return queued;
    },
    acquire(workspaceId) {
      // No waiter may take a slot that is free (dispatch runs at each release and each departure
      // from a line), so a turn that may take one jumps no one; its own workspace's waiters first.
      if (inFlight < concurrency && !lines.has(workspaceId) && mayTake(workspaceId)) {
        return Promise.resolve(take(workspaceId));
      }
      const t = now();
      if (standingStill(workspaceId, t)) return Promise.resolve(busy);
      return new Promise((resolve) => {
        const waiter: Waiter = { since: t, grant: () => resolve(take(workspaceId)), timer: undefined };
        if (options.maxQueueMs > 0) {
          waiter.timer = setTimeout(() => {
            const line = lines.get(workspaceId);
            const i = line?.indexOf(waiter) ?? -1;
            if (line && i >= 0) {
              line.splice(i, 1);
              queued--;
              if (line.length === 0) lines.delete(workspaceId);
            }
            resolve(busy);
            dispatch(); // a workspace left alone in the lines may now take a free slot past its share
          }, options.maxQueueMs);
        }
        const line = lines.get(workspaceId);
        if (line) line.push(waiter);
        else lines.set(workspaceId, [waiter]);
        queued++;
      });
    },
  };
}
