import { ClaraError } from '@clara/core';
import type { Context } from 'koa';

export interface ReadJsonOptions {
  /** Largest body accepted, in bytes. */
  limit: number;
}

/** Reads and parses a JSON request body, with a size limit and a content-type check. */
export async function readJsonBody(ctx: Context, options: ReadJsonOptions): Promise<unknown> {
  if (!ctx.is('application/json')) {
    throw new ClaraError(
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > options.limit) {
    throw new ClaraError('payload_too_large', `The body is over ${options.limit} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.limit) {
      throw new ClaraError('payload_too_large', `The body is over ${options.limit} bytes.`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ClaraError('invalid_json', 'The body is not valid JSON.', { cause: error });
  }
}
