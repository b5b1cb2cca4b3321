import { randomUUID } from 'node:crypto';

import { type SseEvent, sseFrames } from './sse-frames';

export type { SseEvent };

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
    const events: SseEvent[] = [];
    let raw = '';
    for await (const event of sseFrames(res, (text) => {
      raw += text;
    })) {
      events.push(event);
      await onEvent?.(event);
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
