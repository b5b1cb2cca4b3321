import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type ChatEngine, type ChatStore, ClaraError, toVisitorSettings } from '@clara/core';
import Router from '@koa/router';
import { assertOriginAllowed } from './allowed-origins';
import { feedbackRequestSchema, type RecordFeedback } from './feedback';
import { parseOrThrow } from './parse';
import { readJsonBody } from './read-json-body';
import { chatRequestSchema, historyQuerySchema, workspaceParamSchema } from './schemas';
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
   * Load shedding for POST /api/chat, after the body is read: a slot to release when the turn
   * is done (a stream: at its first event), or the seconds to wait (503 with Retry-After).
   */
  admit?: () => Promise<TurnSlot>;
  /**
   * Rate limit for GET /api/chat/history and POST /api/chat/feedback, by client IP: null to go
   * ahead, or the seconds to wait (429 with Retry-After).
   */
  readRateLimit?: (ip: string) => number | null;
  /** Stores thumbs ratings (POST /api/chat/feedback); without it the route answers 404. */
  feedback?: RecordFeedback;
}

/** Aborts when the client goes away before the response is finished (cancels the provider call). */
function disconnectSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Which representation of a chat reply the client asked for (the first one listed wins). */
function negotiate(accept: string): 'json' | 'sse' {
  const value = accept.toLowerCase();
  const sse = value.indexOf('text/event-stream');
  const json = value.search(/application\/json|application\/\*|\*\/\*/);
  if (sse >= 0 && (json < 0 || sse < json)) return 'sse';
  if (!value.trim() || json >= 0) return 'json';
  throw new ClaraError('not_acceptable', 'Accept application/json or text/event-stream.');
}

/** The public chat API a website widget (or anyone) calls: chat, history and widget config. */
export function createWebChannel(options: WebChannelOptions): Router {
  const { engine, store } = options;
  const router = new Router({ prefix: '/api' });

  router.post('/chat', async (ctx) => {
    const mode = negotiate(ctx.get('accept'));
    const body = parseOrThrow(
      chatRequestSchema,
      await readJsonBody(ctx, { limit: options.bodyLimit ?? 32_768 }),
    );
    // Everything that touches the database (origin check, rate limit, turn) holds the slot.
    const answer = async (): Promise<void> => {
      if (ctx.get('origin')) {
        const workspace = await store.getWorkspace(body.workspace_id);
        if (workspace) assertOriginAllowed(ctx, workspace.settings.allowed_origins);
      }
      const wait = await options.rateLimit?.({
        ip: ctx.ip,
        workspaceId: body.workspace_id,
        sessionToken: body.session_token,
        messageId: body.message_id,
      });
      if (wait) {
        ctx.set('Retry-After', String(wait));
        throw new ClaraError('rate_limited', `Too many messages; try again in ${wait} s.`);
      }
      // The turn is stored even if the visitor leaves: see README.md, "When the visitor goes away".
      const signal = disconnectSignal(ctx.res);
      const input = {
        workspaceId: body.workspace_id,
        sessionToken: body.session_token,
        messageId: body.message_id,
        message: body.message,
        visitor: body.visitor,
        sessionMetadata: { channel: 'web', user_agent: ctx.get('user-agent').slice(0, 300) || undefined },
      };
      if (mode === 'json') {
        const result = await engine.turn(input, { signal });
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { message: result.message };
        return;
      }
      const events = engine.stream(input, { signal });
      const first = await events.next();
      if (first.done) throw new ClaraError('internal', 'The turn produced no events.');
      ctx.status = 200;
      ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
      ctx.set('Cache-Control', 'no-cache, no-transform');
      ctx.set('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
      ctx.body = turnEventStream(first.value, events, options.describeError);
    };
    const slot = (await options.admit?.()) ?? { release: () => {} };
    if ('retryAfterSeconds' in slot) {
      ctx.set('Retry-After', String(slot.retryAfterSeconds));
      throw new ClaraError('unavailable', `Clara is busy; try again in ${slot.retryAfterSeconds} s.`);
    }
    try {
      await answer();
    } finally {
      slot.release();
    }
  });

  const limitReads = (ctx: { ip: string; set(field: string, value: string): void }) => {
    const wait = options.readRateLimit?.(ctx.ip);
    if (wait) {
      ctx.set('Retry-After', String(wait));
      throw new ClaraError('rate_limited', `Too many requests; try again in ${wait} s.`);
    }
  };

  router.get('/chat/history', async (ctx) => {
    limitReads(ctx);
    const query = parseOrThrow(historyQuerySchema, ctx.query);
    const workspace = await store.getWorkspace(query.workspace_id);
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
    assertOriginAllowed(ctx, workspace.settings.allowed_origins);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { messages: await store.history(query.workspace_id, query.session_token) };
  });

  router.post('/chat/feedback', async (ctx) => {
    limitReads(ctx);
    const body = parseOrThrow(feedbackRequestSchema, await readJsonBody(ctx, { limit: 4096 }));
    const workspace = await store.getWorkspace(body.workspace_id);
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
    assertOriginAllowed(ctx, workspace.settings.allowed_origins);
    if (!options.feedback) throw new ClaraError('not_found', 'Feedback is not stored by this server.');
    const result = await options.feedback({
      workspaceId: body.workspace_id,
      sessionToken: body.session_token,
      messageId: body.message_id,
      rating: body.rating,
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { feedback: result };
  });

  router.get('/widget/:workspace_id/config', async (ctx) => {
    const params = parseOrThrow(workspaceParamSchema, ctx.params);
    const workspace = await store.getWorkspace(params.workspace_id);
    if (!workspace) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
    assertOriginAllowed(ctx, workspace.settings.allowed_origins);
    const body = { workspace_id: workspace.id, settings: toVisitorSettings(workspace.settings) };
    // Revalidated on every page load (a cheap 304), so a changed setting shows on the next load.
    ctx.set('Cache-Control', 'no-cache');
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
    ctx.set('ETag', `"${hash.slice(0, 22)}"`);
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = body;
  });

  return router;
}
