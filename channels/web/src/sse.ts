import { PassThrough } from 'node:stream';
import type { TurnEvent } from '@clara/core';

/** One Server-Sent Event frame. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function frameFor(event: TurnEvent): string {
  switch (event.type) {
    case 'meta': {
      const { type: _type, ...meta } = event;
      return sseFrame('meta', meta);
    }
    case 'delta':
      return sseFrame('delta', { text: event.text });
    case 'done':
      return sseFrame('done', { message: event.message });
  }
}

/**
 * Pipes turn events into an SSE body. `first` is the already-awaited first event (so
 * request errors surface as HTTP errors before the stream starts); a later failure
 * becomes an `error` event.
 */
export function turnEventStream(
  first: TurnEvent,
  rest: AsyncIterator<TurnEvent>,
  toError: (error: unknown) => { code: string; message: string },
): PassThrough {
  const body = new PassThrough();
  body.write(frameFor(first));
  void (async () => {
    try {
      for (;;) {
        const next = await rest.next();
        if (next.done) break;
        body.write(frameFor(next.value));
      }
    } catch (error) {
      body.write(sseFrame('error', { error: toError(error) }));
    } finally {
      body.end();
    }
  })();
  return body;
}
