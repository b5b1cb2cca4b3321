import { ClaraError } from '@clara/core';
import type { Context } from 'koa';

/** Reads a text body (e.g. an uploaded CSV) up to `limit` bytes, as UTF-8. */
export async function readTextBody(
  ctx: Context,
  options: { limit: number; types: string[] },
): Promise<string> {
  if (!ctx.is(options.types)) {
    throw new ClaraError(
      'unsupported_media_type',
      `Send the file with Content-Type ${options.types.join(' or ')}.`,
    );
  }
  if (Number(ctx.get('content-length') || 0) > options.limit) {
    throw new ClaraError('payload_too_large', `The file is over ${Math.round(options.limit / 1e6)} MB.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.limit)
      throw new ClaraError('payload_too_large', `The file is over ${Math.round(options.limit / 1e6)} MB.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
