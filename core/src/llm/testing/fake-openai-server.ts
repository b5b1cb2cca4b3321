import type { IncomingHttpHeaders } from 'node:http';
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
  };
}

/** A local server speaking OpenAI's streaming wire format; pass `baseURL` to the real SDK. */
export function startFakeOpenAi(defaultText?: string): Promise<FakeProviderServer> {
  return startFakeProviderServer(openAiWire(), defaultText);
}
