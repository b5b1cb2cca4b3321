import type { IncomingMessage } from 'node:http';

/**
 * What a fake does with its answer to a request it has carried out (the message is posted):
 * `reset` destroys the connection instead of answering, as a connection reset after the
 * request was written; `delay` answers only after `ms`, past the client's timeout.
 */
export type AfterAccepting = { kind: 'reset' } | { kind: 'delay'; ms: number };

/** Faults queued by key (a Web API method, `activity`), each used by one request. */
export function createFaultQueue() {
  const queued = new Map<string, AfterAccepting[]>();
  return {
    add(key: string, fault: AfterAccepting) {
      queued.set(key, [...(queued.get(key) ?? []), fault]);
    },
    take(key: string): AfterAccepting | undefined {
      return queued.get(key)?.shift();
    },
  };
}

/** Calls `answer` as the fault says: at once (no fault), never (connection destroyed) or late. */
export function answerAfter(
  fault: AfterAccepting | undefined,
  req: IncomingMessage,
  answer: () => void,
): void {
  if (!fault) {
    answer();
    return;
  }
  if (fault.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  const timer = setTimeout(() => {
    // The client gave up and closed the connection meanwhile: nothing to answer.
    if (!req.socket.destroyed) answer();
  }, fault.ms);
  timer.unref();
}
