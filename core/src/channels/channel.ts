import type { ChatEngine } from '../engine/chat-engine';
import type { Logger } from '../logger';
import type { ChatStore } from '../ports';

/** One HTTP route a channel answers; a `:name` path segment is a parameter. */
export interface ChannelRoute {
  method: 'GET' | 'POST';
  path: string;
}

/** What the host knows about a request that the request itself cannot be trusted to say. */
export interface ChannelRequestInfo {
  /** The client's address, as the host trusts it (behind a proxy: from X-Forwarded-For). */
  clientIp: string;
}

/**
 * A chat channel on web standards (web, Slack, Teams, the next one): it verifies and parses
 * the platform's request, runs Clara's turn, and renders the reply in the platform's idiom.
 * The HTTP framework is one bridge at the edge that mounts `routes` and calls `handle`.
 *
 * `handle` throws a `ClaraError` for what the client sent wrong (the host maps it to HTTP, in
 * one place); headers that must go with that answer (`Retry-After`) ride on the error, see
 * `withResponseHeaders`. `request.signal` aborts when the client goes away.
 */
export interface Channel {
  /** Short and stable: `web`, `slack`, `teams`; also the `channel` tag on the sessions it stores. */
  readonly name: string;
  /** The requests the host sends to `handle`. */
  readonly routes: readonly ChannelRoute[];
  handle(request: Request, info: ChannelRequestInfo): Promise<Response>;
  /** Starts accepting requests (a channel is accepting when created). */
  start?(): Promise<void>;
  /** Stops accepting requests: later ones get 503; answers already under way go on. */
  stop?(): Promise<void>;
}

/** A thumbs rating on one of Clara's answers, from any channel. */
export interface ChannelFeedback {
  workspaceId: string;
  sessionToken: string;
  /** The assistant message's id. */
  messageId: string;
  rating: 'up' | 'down';
}

/**
 * Deliveries already handled, so a platform's retry or redelivery is answered once, across
 * restarts too (the `channel_events` table).
 */
export interface ChannelEvents {
  /** Records the event; false when it was recorded before (a redelivery). */
  claim(eventId: string, workspaceId: string): Promise<boolean>;
  /** Forgets a claim whose handling failed, so a redelivery can try again. */
  release?(eventId: string): Promise<void>;
}

/**
 * The ports every channel is given, named the same in each: the turn, the store of
 * conversations, delivered events, the platform's credentials (`C`), feedback and the logger.
 * A channel takes the subset it needs (`Pick<ChannelPorts<C>, …>`).
 */
export interface ChannelPorts<C = never> {
  /** Clara's turn: answers a message and stores it in its session. */
  engine: Pick<ChatEngine, 'turn' | 'stream'>;
  /** Workspaces and conversations. */
  store: Pick<ChatStore, 'getWorkspace' | 'history'>;
  events: ChannelEvents;
  /** Where the platform's secrets come from (signing secrets, bot tokens, bot registrations). */
  credentials: C;
  /** Stores a rating (a thumbs-down on an answer files a gap); without it none is offered. */
  feedback?: ((feedback: ChannelFeedback) => Promise<{ gap_filed: boolean }>) | undefined;
  logger: Logger;
  /** Told about work that outlives its request (an answer after the ack), for graceful shutdown. */
  track?: ((work: Promise<void>) => void) | undefined;
}

const responseHeaders = new WeakMap<object, Record<string, string | null>>();

/**
 * Attaches response headers to an error a channel throws (`Retry-After` on a 429); null
 * removes a header the host set (`Access-Control-Allow-Origin` on a refused origin).
 */
export function withResponseHeaders<E extends Error>(error: E, headers: Record<string, string | null>): E {
  responseHeaders.set(error, { ...responseHeaders.get(error), ...headers });
  return error;
}

/** The headers attached to an error by `withResponseHeaders`, if any. */
export function responseHeadersOf(error: unknown): Record<string, string | null> | undefined {
  return typeof error === 'object' && error !== null ? responseHeaders.get(error) : undefined;
}

// A malformed escape stays as sent, for the route's own validation to refuse (as @koa/router does).
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Matches a request path against a route path with `:name` segments; the parameters, or null. */
export function matchRoutePath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? '';
    if (part.startsWith(':')) {
      if (!actual) return null;
      params[part.slice(1)] = safeDecode(actual);
    } else if (part !== actual) return null;
  }
  return params;
}
