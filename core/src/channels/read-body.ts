import { ClaraError } from '../errors';

const tooLarge = (limit: number) => new ClaraError('payload_too_large', `The body is over ${limit} bytes.`);

/**
 * Reads a request body as UTF-8 text, refusing it (413) as soon as it passes `limit` bytes:
 * by its declared Content-Length before reading, and while reading.
 */
export async function readTextBody(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get('content-length') || 0) > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** True when the request's Content-Type is `application/json` (any parameters). */
export function isJsonRequest(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/** Reads and parses a JSON request body: 415 unless Content-Type is JSON, 413 over `limit`, 400 if broken. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  if (!isJsonRequest(request)) {
    throw new ClaraError(
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  const text = await readTextBody(request, limit);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ClaraError('invalid_json', 'The body is not valid JSON.', { cause: error });
  }
}

/** A JSON response. */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}
