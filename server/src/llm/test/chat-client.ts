import { randomUUID } from 'node:crypto';

/** One Server-Sent Event as the client saw it. */
export interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are checked by the assertions
  data: any;
}

/** A small client for POST /api/chat that records every response body it reads (for leak checks). */
export function createChatClient(baseUrl: () => string) {
  const bodies: string[] = [];

  function post(body: Record<string, unknown>, accept: string, extra: RequestInit = {}) {
    return fetch(`${baseUrl()}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
      ...extra,
    });
  }

  /** Reads SSE frames as they arrive; `onEvent` runs before the next frame is read. */
  async function readEvents(
    res: Response,
    onEvent?: (e: SseEvent) => void | Promise<void>,
  ): Promise<SseEvent[]> {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const events: SseEvent[] = [];
    let buffer = '';
    let raw = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      raw += text;
      buffer += text;
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = {
          event: /^event: (.*)$/m.exec(frame)?.[1] ?? '',
          data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null'),
        };
        events.push(event);
        await onEvent?.(event);
      }
    }
    bodies.push(raw);
    return events;
  }

  return {
    bodies,
    turn: (workspaceId: string, message: string, extra: Record<string, unknown> = {}) => ({
      workspace_id: workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message,
      ...extra,
    }),
    async json(body: Record<string, unknown>) {
      const res = await post(body, 'application/json');
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, headers: res.headers, body: JSON.parse(text) };
    },
    async sse(
      body: Record<string, unknown>,
      onEvent?: (e: SseEvent) => void | Promise<void>,
      init?: RequestInit,
    ) {
      const res = await post(body, 'text/event-stream', init);
      if (!res.headers.get('content-type')?.includes('text/event-stream')) {
        const text = await res.text();
        bodies.push(text);
        return { status: res.status, events: [] as SseEvent[], error: JSON.parse(text) };
      }
      return { status: res.status, events: await readEvents(res, onEvent), error: null };
    },
    async history(workspaceId: string, sessionToken: string) {
      const res = await fetch(
        `${baseUrl()}/api/chat/history?workspace_id=${workspaceId}&session_token=${sessionToken}`,
      );
      const text = await res.text();
      bodies.push(text);
      // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
      return JSON.parse(text).messages as any[];
    },
  };
}

/** The answer text a stream showed last: the deltas after the last `reset`. */
export function shownText(events: readonly SseEvent[]): string {
  const lastReset = events.map((e) => e.event).lastIndexOf('reset');
  return events
    .slice(lastReset + 1)
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text)
    .join('');
}
