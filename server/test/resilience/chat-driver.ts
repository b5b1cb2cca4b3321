/* biome-ignore-all lint/suspicious/noExplicitAny: wire payloads are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { type SseEvent, sseFrames } from '@clara/testkit/sse-frames';

export type { SseEvent };

/** A deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every response body read by the drivers, for the secret scan. */
export const capturedBodies: string[] = [];

export interface TurnBody {
  workspace_id: string;
  session_token: string;
  message_id: string;
  message: string;
}

/** A new turn of a session. */
export const newTurn = (workspaceId: string, sessionToken: string, message: string): TurnBody => ({
  workspace_id: workspaceId,
  session_token: sessionToken,
  message_id: randomUUID(),
  message,
});

const connectionErrors = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * fetch, sent again once when the connection was reset before any response (a pooled keep-alive
 * socket that the server closed as the request went out): what a client does with a request that
 * is safe to repeat, as a chat turn is by its message_id.
 */
async function fetchReconnecting(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (init.signal?.aborted || !code || !connectionErrors.has(code)) throw error;
    return fetch(url, init);
  }
}

/** POST /api/chat as JSON; `message` is the stored assistant reply on 200. */
export async function chatJson(url: string, body: TurnBody, timeoutMs = 120_000) {
  const res = await fetchReconnecting(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  capturedBodies.push(text);
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as any };
}

/**
 * POST /api/chat as SSE, reading frames as they come. `abortAfter` cuts the request from the
 * client side (AbortController) once that many events were read.
 */
export async function chatSse(
  url: string,
  body: TurnBody,
  options: { abortAfter?: number; timeoutMs?: number } = {},
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 120_000);
  const events: SseEvent[] = [];
  try {
    const res = await fetchReconnecting(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    if (!res.headers.get('content-type')?.includes('text/event-stream')) {
      const text = await res.text();
      capturedBodies.push(text);
      return { status: res.status, events, aborted: false, error: JSON.parse(text) as any };
    }
    let raw = '';
    try {
      for await (const event of sseFrames(res, (text) => {
        raw += text;
      })) {
        events.push(event);
        if (options.abortAfter !== undefined && events.length >= options.abortAfter) {
          controller.abort();
          capturedBodies.push(raw);
          return { status: res.status, events, aborted: true, error: null };
        }
      }
    } catch (error) {
      capturedBodies.push(raw);
      if (controller.signal.aborted) return { status: res.status, events, aborted: true, error: null };
      throw error;
    }
    capturedBodies.push(raw);
    return { status: res.status, events, aborted: false, error: null };
  } finally {
    clearTimeout(timer);
  }
}

/** The stored reply an SSE exchange ended with (the `done` event), if it got that far. */
export const doneMessage = (events: readonly SseEvent[]) =>
  events.find((e) => e.event === 'done')?.data.message;

/** The text a stream showed last: the deltas after the last `reset`. */
export function shownText(events: readonly SseEvent[]): string {
  const lastReset = events.map((e) => e.event).lastIndexOf('reset');
  return events
    .slice(lastReset + 1)
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text)
    .join('');
}
