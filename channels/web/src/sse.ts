import type { ChatStreamEvents } from '@clara/contract';
import type { TurnEvent } from '@clara/core';

/** One Server-Sent Event frame of the chat stream, its data as the contract defines it. */
export function sseFrame<E extends keyof ChatStreamEvents>(event: E, data: ChatStreamEvents[E]): string {
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
    case 'reset':
      return sseFrame('reset', { mode: event.mode });
    case 'done':
      return sseFrame('done', { message: event.message });
  }
}

/**
 * Pipes turn events into an SSE body. The events, in order:
 *
 * - `meta` `{ message_id, session_token, mode: "llm" | "extractive" | null, replay }`, once;
 *   `mode` null for a reply replayed from storage.
 * - `delta` `{ text }`, zero or more: append to the answer shown so far.
 * - `reset` `{ mode: "extractive" }`: the language model failed mid-answer; clear the text
 *   shown so far, the deltas that follow are the extractive answer.
 * - `done` `{ message }`, once: the stored reply; its `content` equals the text of the
 *   deltas after the last `reset`.
 * - `error` `{ error: { code, message } }` instead of `done` when the turn failed.
 * `first` is the already-awaited first event (so
 * request errors surface as HTTP errors before the stream starts); a later failure
 * becomes an `error` event.
 */
export function turnEventStream(
  first: TurnEvent,
  rest: AsyncIterator<TurnEvent>,
  toError: (error: unknown) => { code: string; message: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancelled = true;
    },
  });
  const send = (text: string) => {
    if (!cancelled) controller?.enqueue(encoder.encode(text));
  };
  send(frameFor(first));
  // Read to the end even when the client has gone: the turn is stored either way.
  void (async () => {
    try {
      for (;;) {
        const next = await rest.next();
        if (next.done) break;
        send(frameFor(next.value));
      }
    } catch (error) {
      send(sseFrame('error', { error: toError(error) }));
    } finally {
      if (!cancelled) controller?.close();
    }
  })();
  return body;
}
