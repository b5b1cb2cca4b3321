import { createHash } from 'node:crypto';
import {
  type ChatResponse,
  chatRequestSchema,
  type FeedbackResponse,
  feedbackRequestSchema,
  type HistoryResponse,
  historyQuerySchema,
  type WidgetConfigResponse,
  workspaceParamSchema,
} from '@clara/contract';
import {
  type Channel,
  type ChannelRequestInfo,
  type ChatEngine,
  type ChatStore,
  ClaraError,
  jsonResponse,
  matchRoutePath,
  readJsonBody,
  type TurnEvent,
  toVisitorSettings,
  type ValidatedTurnInput,
  validatedTurn,
  withResponseHeaders,
} from '@clara/core';
import { assertOriginAllowed } from './allowed-origins';
import type { RecordFeedback } from './feedback';
import { negotiateReply } from './negotiate-reply';
import { parseOrThrow } from './parse';
import { turnEventStream } from './sse';

/** Who is asking for a chat turn, for rate limiting. */
export interface ChatAdmission {
  ip: string;
  workspaceId: string;
  sessionToken: string;
  messageId: string;
}

/** A chat turn's place in the server's capacity: granted (release it when done), or refused. */
export type TurnSlot = { release: () => void } | { retryAfterSeconds: number };

export interface WebChannelOptions {
  engine: ChatEngine;
  store: Pick<ChatStore, 'getWorkspace' | 'history'>;
  /** Maps an error to the public `{ code, message }` (the server's single error mapping). */
  describeError: (error: unknown) => { code: string; message: string };
  /** Largest JSON body accepted (bytes). */
  bodyLimit?: number;
  /** Rate limit for POST /api/chat: null to go ahead, or the seconds to wait (429 with Retry-After). */
  rateLimit?: (request: ChatAdmission) => number | null | Promise<number | null>;
  /**
   * Load shedding for POST /api/chat, after the checks that refuse a turn (body, workspace,
   * allowed site, rate limit): a slot to release when the turn is done (a stream: when its last
   * event is written, or its turn ends after the client went away), or the seconds to wait (503
   * with Retry-After). Given the turn's workspace id, so one workspace's turns cannot hold every slot.
   */
  admit?: (workspaceId: string) => Promise<TurnSlot>;
  /**
   * Rate limit for GET /api/chat/history and POST /api/chat/feedback, by client IP: null to go
   * ahead, or the seconds to wait (429 with Retry-After).
   */
  readRateLimit?: (ip: string) => number | null;
  /** Stores thumbs ratings (POST /api/chat/feedback); without it the route answers 404. */
  feedback?: RecordFeedback;
  /**
   * Clara's public origin (`CLARA_PUBLIC_URL`'s scheme, host and port): its own pages (Try it now)
   * pass every workspace's Allowed sites. Absent: the host each request was sent to.
   */
  ownOrigin?: string | null;
}

const retryAfter = (error: ClaraError, seconds: number) =>
  withResponseHeaders(error, { 'Retry-After': String(seconds) });

/** The rest of a streamed turn's events, calling `done` when they end (the last one, or a failure). */
async function* endingWith(events: AsyncIterator<TurnEvent>, done: () => void): AsyncGenerator<TurnEvent> {
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    done();
  }
}

/** True when the client's cached copy (If-None-Match) is this ETag, as HTTP caches compare them. */
function isFresh(request: Request, etag: string): boolean {
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/.test(request.headers.get('cache-control') ?? '')) return false;
  const match = request.headers.get('if-none-match');
  if (!match) return false;
  if (match.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return match.split(',').some((tag) => bare(tag) === bare(etag));
}

const routes = [
  { method: 'POST', path: '/api/chat' },
  { method: 'GET', path: '/api/chat/history' },
  { method: 'POST', path: '/api/chat/feedback' },
  { method: 'GET', path: '/api/widget/:workspace_id/config' },
] as const;

/** The public chat API a website widget (or anyone) calls: chat, history, feedback and widget config. */
export function createWebChannel(options: WebChannelOptions): Channel {
  const { engine, store } = options;
  const ownOrigin = options.ownOrigin ?? null;

  async function chat(request: Request, info: ChannelRequestInfo): Promise<Response> {
    const mode = negotiateReply(request.headers.get('accept') ?? '');
    const body = parseOrThrow(chatRequestSchema, await readJsonBody(request, options.bodyLimit ?? 32_768));
    // The checks that refuse a turn come before its slot: a made-up workspace id or a client past
    // its rate limit never waits for a slot, nor takes one from a workspace's waiting turn.
    const workspace = await store.getWorkspace(body.workspace_id);
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
    assertOriginAllowed(request, workspace.settings.allowed_origins, ownOrigin);
    const wait = await options.rateLimit?.({
      ip: info.clientIp,
      workspaceId: body.workspace_id,
      sessionToken: body.session_token,
      messageId: body.message_id,
    });
    if (wait)
      throw retryAfter(new ClaraError('rate_limited', `Too many messages; try again in ${wait} s.`), wait);
    const slot = (await options.admit?.(body.workspace_id)) ?? { release: () => {} };
    if ('retryAfterSeconds' in slot) {
      throw retryAfter(
        new ClaraError('unavailable', `Clara is busy; try again in ${slot.retryAfterSeconds} s.`),
        slot.retryAfterSeconds,
      );
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      slot.release();
    };
    // A stream's slot is handed to its body, released when the turn's events end.
    let streaming = false;
    try {
      // The turn is stored even if the visitor leaves: see README.md, "When the visitor goes away".
      const { signal } = request;
      // Validated once, here: the contract's chatRequestSchema holds the engine's message rules.
      const input: ValidatedTurnInput = {
        [validatedTurn]: true,
        workspaceId: body.workspace_id,
        sessionToken: body.session_token,
        messageId: body.message_id,
        message: body.message,
        visitor: body.visitor,
        sessionMetadata: {
          channel: 'web',
          user_agent: request.headers.get('user-agent')?.slice(0, 300) || undefined,
        },
      };
      if (mode === 'json') {
        const result = await engine.turn(input, { signal });
        const reply: ChatResponse = { message: result.message };
        return jsonResponse(reply, { headers: { 'Cache-Control': 'no-store' } });
      }
      const events = engine.stream(input, { signal });
      const first = await events.next();
      if (first.done) throw new ClaraError('internal', 'The turn produced no events.');
      // The stream reads the turn's events to the end even when the client has gone (the request's
      // signal then cancels the model call), so the slot is held while the turn runs, and freed
      // once, at its end, however it ends.
      const stream = turnEventStream(first.value, endingWith(events, release), options.describeError);
      streaming = true;
      return new Response(stream, {
        status: 200,
        headers: {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
        },
      });
    } finally {
      if (!streaming) release();
    }
  }

  const limitReads = (info: ChannelRequestInfo) => {
    const wait = options.readRateLimit?.(info.clientIp);
    if (wait)
      throw retryAfter(new ClaraError('rate_limited', `Too many requests; try again in ${wait} s.`), wait);
  };

  async function workspaceFor(request: Request, workspaceId: string) {
    const workspace = await store.getWorkspace(workspaceId);
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
    assertOriginAllowed(request, workspace.settings.allowed_origins, ownOrigin);
    return workspace;
  }

  async function history(request: Request, info: ChannelRequestInfo): Promise<Response> {
    limitReads(info);
    const query = parseOrThrow(historyQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    await workspaceFor(request, query.workspace_id);
    const messages = await store.history(query.workspace_id, query.session_token);
    const body: HistoryResponse = { messages };
    return jsonResponse(body, { headers: { 'Cache-Control': 'no-store' } });
  }

  async function feedback(request: Request, info: ChannelRequestInfo): Promise<Response> {
    limitReads(info);
    const body = parseOrThrow(feedbackRequestSchema, await readJsonBody(request, 4096));
    await workspaceFor(request, body.workspace_id);
    if (!options.feedback) throw new ClaraError('not_found', 'Feedback is not stored by this server.');
    const result = await options.feedback({
      workspaceId: body.workspace_id,
      sessionToken: body.session_token,
      messageId: body.message_id,
      rating: body.rating,
    });
    const answer: FeedbackResponse = { feedback: result };
    return jsonResponse(answer, { headers: { 'Cache-Control': 'no-store' } });
  }

  async function widgetConfig(request: Request, params: Record<string, string>): Promise<Response> {
    const { workspace_id } = parseOrThrow(workspaceParamSchema, params);
    const workspace = await workspaceFor(request, workspace_id);
    const body: WidgetConfigResponse = {
      workspace_id: workspace.id,
      settings: toVisitorSettings(workspace.settings),
    };
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
    // Revalidated on every page load (a cheap 304), so a changed setting shows on the next load.
    const headers = { 'Cache-Control': 'no-cache', ETag: `"${hash.slice(0, 22)}"` };
    if (isFresh(request, headers.ETag)) return new Response(null, { status: 304, headers });
    return jsonResponse(body, { headers });
  }

  return {
    name: 'web',
    routes,
    async handle(request, info) {
      const { pathname } = new URL(request.url);
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (method === 'POST' && pathname === '/api/chat') return chat(request, info);
      if (method === 'GET' && pathname === '/api/chat/history') return history(request, info);
      if (method === 'POST' && pathname === '/api/chat/feedback') return feedback(request, info);
      const params = method === 'GET' ? matchRoutePath('/api/widget/:workspace_id/config', pathname) : null;
      if (params) return widgetConfig(request, params);
      throw new ClaraError('not_found', 'No such route.');
    },
  };
}
