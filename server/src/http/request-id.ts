import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { runInRequestContext } from '../request-context';

/** An incoming id is kept only if it is a short token: it goes into log lines and a response header. */
const incomingId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);

/**
 * Gives every request an id: the caller's (or proxy's) `X-Request-Id` when it is a sane
 * token, else a new UUID. It is echoed in the `X-Request-Id` response header, kept in
 * `ctx.state.requestId`, and carried by every log line written while serving the request
 * (including work the request started that outlives the response). Mount it first.
 */
export function requestId(): Middleware {
  return (ctx, next) => {
    const parsed = incomingId.safeParse(ctx.get('x-request-id'));
    const id = parsed.success ? parsed.data : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    return runInRequestContext({ requestId: id }, () => next());
  };
}
