import type { IncomingHttpHeaders } from 'node:http';
import {
  type FakeProviderServer,
  splitWords,
  startFakeProviderServer,
  type WireFormat,
} from './fake-provider-server';

const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/**
 * Anthropic Messages streaming: message_start, content_block_start, ping,
 * content_block_delta (text_delta)…, content_block_stop, message_delta, message_stop.
 */
export function anthropicWire(): WireFormat {
  let outputTokens = 0;
  return {
    path: '/v1/messages',
    start: (model) => {
      outputTokens = 0;
      return [
        event('message_start', {
          type: 'message_start',
          message: {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 25, output_tokens: 1 },
          },
        }),
        event('content_block_start', {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'text', text: '' },
        }),
        event('ping', { type: 'ping' }),
      ];
    },
    delta: (text) => {
      outputTokens++;
      return event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      });
    },
    malformed: () =>
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{\n\n',
    // A tool_use block after the text: content_block_start, input_json_delta pieces, content_block_stop.
    judged: (text, judgement) => {
      const json = JSON.stringify(judgement);
      const pieces: string[] = [];
      for (let i = 0; i < json.length; i += 9) pieces.push(json.slice(i, i + 9));
      return {
        chunks: splitWords(text),
        tool: true,
        after: [
          event('content_block_stop', { type: 'content_block_stop', index: 0 }),
          event('content_block_start', {
            type: 'content_block_start',
            index: 1,
            content_block: { type: 'tool_use', id: 'toolu_fake', name: 'report_answer', input: {} },
          }),
          ...pieces.map((partial_json) =>
            event('content_block_delta', {
              type: 'content_block_delta',
              index: 1,
              delta: { type: 'input_json_delta', partial_json },
            }),
          ),
        ],
      };
    },
    finish: (stopReason) => [
      event('content_block_stop', { type: 'content_block_stop', index: stopReason ? 1 : 0 }),
      event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason ?? 'end_turn', stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
      event('message_stop', { type: 'message_stop' }),
    ],
    errorBody: (status, message) => ({
      type: 'error',
      error: { type: errorTypes[status] ?? 'api_error', message },
    }),
    // The SDK sends an API key as `x-api-key` or, from 1.x on, as a bearer token: either is the key.
    credential: (headers: IncomingHttpHeaders) =>
      String(headers['x-api-key'] ?? String(headers.authorization ?? '').replace(/^Bearer /, '')),
  };
}

/** A local server speaking Anthropic's streaming wire format; pass `baseURL` to the real SDK. */
export function startFakeAnthropic(defaultText?: string): Promise<FakeProviderServer> {
  return startFakeProviderServer(anthropicWire(), defaultText);
}
