import type { ChatEngine } from '@clara/core';
import type { Lifecycle } from './lifecycle';

/**
 * The engine with every turn tracked by the lifecycle, from its start until it is stored.
 * That covers answers that outlive their HTTP response (a Slack reply posted after the
 * ack, a web turn whose visitor left), so shutdown waits for them before closing the database.
 */
export function trackTurns(engine: ChatEngine, lifecycle: Lifecycle): ChatEngine {
  return {
    turn: (input, options) => lifecycle.track(engine.turn(input, options)),
    // Counted from the first step until the stream ends, throws or is returned.
    async *stream(input, options) {
      let finished = () => {};
      lifecycle.track(new Promise<void>((resolve) => (finished = resolve)));
      try {
        yield* engine.stream(input, options);
      } finally {
        finished();
      }
    },
  };
}
