import { ClaraError } from '@clara/core';
import type { Context } from 'koa';

/** A byte count in megabytes as people read a file size (20 × 1024 × 1024 bytes → "20 MB"). */
export function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** Reads a text body (e.g. an uploaded CSV) up to `limit` bytes, as UTF-8; 413 beyond, naming the limit. */
export async function readTextBody(
  ctx: Context,
  options: { limit: number; types: string[] },
): Promise<string> {
  return (await readBodyBytes(ctx, options)).toString('utf8');
}

/** Reads a body of one of `types` up to `limit` bytes, as bytes (the caller decodes them); 415/413 as `readTextBody`. */
export async function readBodyBytes(
  ctx: Context,
  options: { limit: number; types: string[] },
): Promise<Buffer> {
  if (!ctx.is(options.types)) {
    throw new ClaraError(
      'unsupported_media_type',
      `Send the file with Content-Type ${options.types.join(' or ')}.`,
    );
  }
  // The check and the message read the same limit: over 20 × 1024 × 1024 bytes is "over 20 MB".
  const tooLarge = () => new ClaraError('payload_too_large', `The file is over ${megabytes(options.limit)}.`);
  if (Number(ctx.get('content-length') || 0) > options.limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
