import { ClaraError, type ErrorCode } from '@clara/core';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';

/** The one place where error codes become HTTP statuses. */
export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  not_acceptable: 406,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  workspace_not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  // A web chat session holds at most maxSessionMessages (supabase/src/repos/session-limit.ts).
  conversation_full: 409,
  rate_limited: 429,
  unavailable: 503,
  // The embedded database's disk is below its free-space margin (server/src/storage/disk-space.ts).
  insufficient_storage: 507,
  internal: 500,
};

const httpCodeFor: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Normalises anything thrown into a ClaraError (Koa's own http errors keep their 4xx). */
export function toClaraError(error: unknown): ClaraError {
  if (error instanceof ClaraError) return error;
  if (error instanceof URIError)
    return new ClaraError('bad_request', 'The URL is malformed.', { cause: error });
  // Postgres refuses NUL and untranslatable characters in text (22021, 22P05): the input's fault, not ours.
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (sqlState === '22021' || sqlState === '22P05') {
    return new ClaraError(
      'validation_failed',
      'The request contains a character that cannot be stored (e.g. NUL).',
      {
        cause: error,
      },
    );
  }
  const status = (error as { status?: unknown; expose?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = httpCodeFor[status] ?? 'bad_request';
    const message = (error as { expose?: boolean }).expose
      ? String((error as Error).message)
      : 'Bad request.';
    return new ClaraError(code, message, { cause: error });
  }
  return ClaraError.from(error);
}

/** A request body cut off by the client (Node's `aborted` / ECONNRESET while reading it). */
function isClientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === 'ECONNRESET' ||
    e?.code === 'ECONNABORTED' ||
    e?.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (error instanceof Error && error.message === 'aborted')
  );
}

/** The public form of an error: code and message, never a stack or a cause. */
export function describeError(error: unknown): { code: string; message: string } {
  const e = toClaraError(error);
  return { code: e.code, message: e.message };
}

/** `details.unreachable` of an `unavailable` ClaraError: the host and socket code, no stack. */
function unreachableService(e: ClaraError): { host: string; cause: string } | null {
  if (e.code !== 'unavailable') return null;
  const u = (e.details as { unreachable?: { host?: unknown; cause?: unknown } } | undefined)?.unreachable;
  if (typeof u?.host !== 'string' || typeof u.cause !== 'string') return null;
  return { host: u.host, cause: u.cause };
}

/** Koa middleware: every failure becomes `{ error: { code, message } }` with its status. */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new ClaraError('not_found', `Nothing at ${ctx.method} ${ctx.path}.`);
      }
    } catch (error) {
      if (isClientAbort(error)) {
        // The client went away mid-request (closed the page, lost the network): nothing of ours
        // failed, and anyone can cause it, so no error line and no stack.
        logger.info({ method: ctx.method, path: ctx.path }, 'client went away');
        ctx.status = 400;
        ctx.type = 'application/json';
        ctx.body = { error: { code: 'bad_request', message: 'The request was cut off.' } };
        return;
      }
      const e = toClaraError(error);
      const status = statusOf[e.code];
      // A 503 the route chose (it set Retry-After: load shedding) is not a failure to log.
      const refused = e.code === 'unavailable' && Boolean(ctx.response.get('Retry-After'));
      const unreachable = unreachableService(e);
      if (unreachable) {
        // An outside service this server could not reach (Slack, Microsoft's login): expected, one line.
        logger.warn(
          { code: e.code, method: ctx.method, path: ctx.path, ...unreachable },
          'request failed: service unreachable',
        );
      } else if (e.code === 'insufficient_storage') {
        // Low disk space: the reason (free MB) in one line, no stack; the periodic warning says it too.
        logger.warn(
          { code: e.code, method: ctx.method, path: ctx.path, reason: (e.cause as Error)?.message },
          'request refused',
        );
      } else if (status >= 500 && !refused) {
        logger.error(
          { err: e.cause ?? e, code: e.code, method: ctx.method, path: ctx.path },
          'request failed',
        );
      }
      if (e.code === 'unavailable' && !refused) ctx.set('Retry-After', '5');
      // Refused before its body was read to the end (413, 415, 403, …): the rest of the body is
      // still on the connection, and a next request on it would wait behind it. Close it instead.
      if (!ctx.req.complete) ctx.set('Connection', 'close');
      ctx.status = status;
      ctx.type = 'application/json';
      // `details`: per-field problems (e.g. a Settings save), for the admin to place beside each field.
      ctx.body = { error: { code: e.code, message: e.message, ...(e.fields ? { details: e.fields } : {}) } };
    }
  };
}
