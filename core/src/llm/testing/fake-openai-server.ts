import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { hashEmbed } from '../../embedding/hashing-embedder';
import { type FakeProviderServer, startFakeProviderServer, type WireFormat } from './fake-provider-server';

const created = 1_764_000_000;
const frame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
const chunk = (model: string, delta: Record<string, unknown>, finish: string | null) =>
  frame({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });

/**
 * POST /v1/embeddings as OpenAI answers it: `{ object: "list", data: [{ object: "embedding", index,
 * embedding }], model, usage }`, floats or base64 little-endian float32 (`encoding_format`), of
 * the requested `dimensions` (default 1536). The vectors are word hashes, so texts that share words
 * are near, as a real model's would be for these tests.
 */
function embeddingsRoute(body: unknown, res: ServerResponse) {
  const b = (body ?? {}) as {
    input?: unknown;
    model?: unknown;
    dimensions?: unknown;
    encoding_format?: unknown;
  };
  const inputs = typeof b.input === 'string' ? [b.input] : Array.isArray(b.input) ? b.input : null;
  if (!inputs || inputs.length === 0 || inputs.some((t) => typeof t !== 'string' || t === '')) {
    res.writeHead(400, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        error: { message: "'$.input' is invalid.", type: 'invalid_request_error', param: null, code: null },
      }),
    );
    return;
  }
  const dimensions = typeof b.dimensions === 'number' ? b.dimensions : 1536;
  const data = (inputs as string[]).map((text, index) => {
    const vector = hashEmbed(text, dimensions);
    return {
      object: 'embedding',
      index,
      embedding:
        b.encoding_format === 'base64'
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector),
    };
  });
  const tokens = (inputs as string[]).reduce((n, t) => n + Math.ceil(t.length / 4), 0);
  res.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      object: 'list',
      data,
      model: typeof b.model === 'string' ? b.model : 'text-embedding-3-small',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  );
}

/** OpenAI Chat Completions streaming: `data: {chat.completion.chunk}` frames, then `data: [DONE]`. */
export function openAiWire(): WireFormat {
  let model = 'gpt-4o';
  return {
    path: '/v1/chat/completions',
    start: (m) => {
      model = m;
      return [chunk(model, { role: 'assistant', content: '', refusal: null }, null)];
    },
    delta: (text) => chunk(model, { content: text }, null),
    malformed: () => 'data: {"id":"chatcmpl-fake","choices":[{"delta":{"content":"oops\n\n',
    finish: () => [chunk(model, {}, 'stop'), 'data: [DONE]\n\n'],
    // Structured output (response_format json_schema): the document's JSON text, streamed in pieces.
    judged: (text, judgement) => {
      const document = JSON.stringify({ reply: text, ...judgement });
      const chunks: string[] = [];
      for (let i = 0; i < document.length; i += 7) chunks.push(document.slice(i, i + 7));
      return { chunks, after: [], tool: false };
    },
    errorBody: (status, message) => ({
      error: {
        message,
        type: status === 429 ? 'requests' : status === 401 ? 'invalid_request_error' : 'server_error',
        param: null,
        code: status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null,
      },
    }),
    credential: (headers: IncomingHttpHeaders) => String(headers.authorization ?? '').replace(/^Bearer /, ''),
    routes: { '/v1/embeddings': embeddingsRoute },
  };
}

/** A local server speaking OpenAI's streaming wire format; pass `baseURL` to the real SDK. */
export function startFakeOpenAi(defaultText?: string): Promise<FakeProviderServer> {
  return startFakeProviderServer(openAiWire(), defaultText);
}
