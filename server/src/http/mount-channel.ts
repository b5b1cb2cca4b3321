import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { type Channel, ClaraError, responseHeadersOf } from '@clara/core';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Context } from 'koa';
import { allowedMethodsOf } from './allowed-methods';

/** Aborts when the client goes away before the response is finished (cancels the provider call). */
function disconnectSignal(ctx: Context): AbortSignal {
  const controller = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** The web-standard request for a Koa context; the body is streamed from the socket, unread. */
export function toRequest(ctx: Context): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  let url: URL;
  try {
    // The host is not trusted for anything: the path and query are what a channel reads.
    url = new URL(ctx.url, 'http://clara.invalid');
  } catch (error) {
    throw new ClaraError('bad_request', 'The URL is malformed.', { cause: error });
  }
  const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
  return new Request(url, {
    method: ctx.method,
    headers,
    signal: disconnectSignal(ctx),
    ...(hasBody ? { body: Readable.toWeb(ctx.req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a channel's web-standard response to Koa: status, headers, and the body (streamed for SSE). */
export async function writeResponse(ctx: Context, response: Response): Promise<void> {
  ctx.status = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'content-length') ctx.set(name, value);
  });
  if (!response.body || response.status === 304 || response.status === 204) {
    ctx.body = response.status === 304 || response.status === 204 ? null : '';
    return;
  }
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    ctx.body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    return;
  }
  ctx.body = Buffer.from(await response.arrayBuffer());
}

/**
 * Calls a channel for a Koa request. An error the channel throws goes on to Koa's error handler
 * (the one code-to-HTTP mapping), with the headers the channel attached to it.
 */
export async function handleWithChannel(ctx: Context, channel: Channel): Promise<void> {
  let response: Response;
  try {
    response = await channel.handle(toRequest(ctx), { clientIp: ctx.ip });
  } catch (error) {
    for (const [name, value] of Object.entries(responseHeadersOf(error) ?? {})) {
      if (value === null) ctx.remove(name);
      else ctx.set(name, value);
    }
    throw error;
  }
  await writeResponse(ctx, response);
}

/**
 * Mounts a channel on Koa: the one bridge between the HTTP framework and every channel. Its
 * routes go to `handle`; another method on one of its paths is 405.
 */
export function mountChannel(app: Koa, channel: Channel): void {
  const router = new Router();
  for (const route of channel.routes) {
    const handler = (ctx: Context) => handleWithChannel(ctx, channel);
    if (route.method === 'GET') router.get(route.path, handler);
    else router.post(route.path, handler);
  }
  app.use(router.routes());
  app.use(allowedMethodsOf(router));
}
