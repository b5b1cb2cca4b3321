/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let workspaceId: string;

const pairs = shopPairs;

async function chat(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const turn = (message: string, extra: Record<string, unknown> = {}) => ({
  workspace_id: workspaceId,
  session_token: randomUUID(),
  message_id: randomUUID(),
  message,
  ...extra,
});

beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId } = await server.createWorkspace({
    settings: { booking_url: 'https://cal.example.com/x' },
  }));
  await server.addPairs(workspaceId, pairs);
});
afterAll(() => server.close());

describe('POST /api/chat (JSON)', () => {
  it('answers a knowledge-base question with its curated answer, matches and confidence', async () => {
    const res = await chat(turn('What are your opening hours?'));
    expect(res.status).toBe(200);
    const { message } = (await res.json()) as any;
    expect(message).toMatchObject({
      role: 'assistant',
      content: pairs[0]?.answer,
      gap_detected: false,
      escalation_offered: false,
    });
    expect(message.confidence).toBeGreaterThan(0.78);
    expect(message.matched_qa_ids.length).toBeGreaterThan(0);
    expect(message.message_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the honest fallback for an unrelated question and files one open gap', async () => {
    const question = 'What is the capital of Mongolia?';
    const first = (await (await chat(turn(question))).json()) as any;
    expect(first.message.gap_detected).toBe(true);
    expect(first.message.content).toMatch(/don't have that information/);
    await chat(turn(question.toUpperCase()));
    const gaps = await server.db.query<{ question: string; status: string; session_id: string | null }>(
      'SELECT question, status, session_id FROM qa_gaps WHERE workspace_id = $1 AND lower(question) = lower($2)',
      [workspaceId, question],
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ question, status: 'open' });
    expect(gaps[0]?.session_id).not.toBeNull();
  });

  it('stores the user and assistant messages on the session and returns them as history', async () => {
    const body = turn('How much does shipping cost?', { visitor: { name: 'Ada', email: 'ada@example.com' } });
    const { message } = (await (await chat(body)).json()) as any;
    const res = await fetch(
      `${server.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${body.session_token}`,
    );
    const history = (await res.json()) as any;
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(history.messages[0]).toMatchObject({ message_id: body.message_id, content: body.message });
    expect(history.messages[1]).toEqual(message);
    const [session] = await server.db.query<{ visitor_name: string; metadata: { channel: string } }>(
      'SELECT visitor_name, metadata FROM chat_sessions WHERE session_token = $1',
      [body.session_token],
    );
    expect(session).toMatchObject({ visitor_name: 'Ada', metadata: { channel: 'web' } });
  });

  it('offers other knowledge-base questions as chips, each of them answerable', async () => {
    const { message } = (await (await chat(turn('Do you ship to other countries?'))).json()) as any;
    for (const chip of message.suggestion_chips) {
      const reply = (await (await chat(turn(chip))).json()) as any;
      expect(reply.message.gap_detected).toBe(false);
    }
  });
});

describe('POST /api/chat (SSE)', () => {
  it('streams meta, delta and done events whose text adds up to the stored message', async () => {
    const body = turn('Can I return an item?');
    const res = await chat(body, { accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = text
      .trim()
      .split('\n\n')
      .map((frame) => ({
        event: /^event: (.*)$/m.exec(frame)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null'),
      }));
    expect(events[0]?.event).toBe('meta');
    expect(events.at(-1)?.event).toBe('done');
    const streamed = events
      .filter((e) => e.event === 'delta')
      .map((e) => e.data.text)
      .join('');
    const done = events.at(-1)?.data.message;
    expect(streamed).toBe(done.content);
    expect(done.content).toBe(pairs[2]?.answer);
  });
});

describe('idempotency', () => {
  it('stores exactly one user and one assistant message for 100 concurrent repeats', async () => {
    const body = turn('What are your opening hours?');
    const responses = await Promise.all(Array.from({ length: 100 }, () => chat(body)));
    const replies = await Promise.all(responses.map((r) => r.json() as any));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const ids = new Set(replies.map((r) => r.message.message_id));
    expect(ids.size).toBe(1);
    const [row] = await server.db.query<{ messages: { role: string; message_id: string }[] }>(
      'SELECT messages FROM chat_sessions WHERE session_token = $1',
      [body.session_token],
    );
    expect(row?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('rejects a reused message_id carrying a different message', async () => {
    const body = turn('What are your opening hours?');
    await chat(body);
    const res = await chat({ ...body, message: 'Something else entirely' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe('idempotency_conflict');
  });
});

describe('bad input gets a clear 4xx', () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      'malformed JSON',
      () =>
        fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"workspace_id":',
        }),
      400,
      'invalid_json',
    ],
    ['missing message', () => chat({ ...turn('x'), message: undefined }), 400, 'validation_failed'],
    ['non-UUID workspace_id', () => chat(turn('hello', { workspace_id: 'abc' })), 400, 'validation_failed'],
    ['non-UUID message_id', () => chat(turn('hello', { message_id: '1' })), 400, 'validation_failed'],
    [
      'unknown workspace',
      () => chat(turn('hello', { workspace_id: randomUUID() })),
      404,
      'workspace_not_found',
    ],
    ['message over 2,000 characters', () => chat(turn('a'.repeat(2001))), 400, 'validation_failed'],
    ['empty message', () => chat(turn('   ')), 400, 'validation_failed'],
    ['message of the wrong type', () => chat(turn('x', { message: 42 })), 400, 'validation_failed'],
    [
      'JSON array body',
      () =>
        fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '[]',
        }),
      400,
      'validation_failed',
    ],
    [
      'wrong content type',
      () =>
        fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'hi',
        }),
      415,
      'unsupported_media_type',
    ],
    ['unacceptable Accept', () => chat(turn('hello'), { accept: 'text/html' }), 406, 'not_acceptable'],
    [
      'huge body',
      () =>
        fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ pad: 'x'.repeat(100_000) }),
        }),
      413,
      'payload_too_large',
    ],
    [
      'history without a token',
      () => fetch(`${server.url}/api/chat/history?workspace_id=${workspaceId}`),
      400,
      'validation_failed',
    ],
    ['config of a non-UUID', () => fetch(`${server.url}/api/widget/nope/config`), 400, 'validation_failed'],
    [
      'config of an unknown workspace',
      () => fetch(`${server.url}/api/widget/${randomUUID()}/config`),
      404,
      'workspace_not_found',
    ],
    [
      'malformed URL escape',
      () => fetch(`${server.url}/api/widget/%E0%A4%A/config`),
      400,
      'validation_failed',
    ],
    ['GET on the chat endpoint', () => fetch(`${server.url}/api/chat`), 405, 'method_not_allowed'],
  ];
  it.each(cases)('%s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });
});

describe('GET /api/widget/:id/config', () => {
  it('returns the visitor-facing settings only', async () => {
    const res = await fetch(`${server.url}/api/widget/${workspaceId}/config`);
    const body = (await res.json()) as any;
    expect(body.settings).toMatchObject({ display_name: 'Clara', booking_url: 'https://cal.example.com/x' });
    expect(body.settings).not.toHaveProperty('personality_prompt');
    expect(body.settings).not.toHaveProperty('confidence_threshold');
    expect(JSON.stringify(body)).not.toMatch(/Business Context|encrypted/);
  });
});

describe('CORS for the widget on another origin', () => {
  it('answers the preflight and echoes the origin on the chat response', async () => {
    const pre = await fetch(`${server.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
    const res = await chat(turn('What are your opening hours?'), { origin: 'https://shop.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});
