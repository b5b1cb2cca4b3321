import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import connector from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToConversation, TeamsFollowupError } from './post-activity';

// A local Bot Connector that answers each POST with the status the test asks for.
let server: Server;
let serviceUrl: string;
let status = 200;
let posts = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts++;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"id":"activity-1"}' : '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(code: number): Promise<TeamsFollowupError | { id: string | null }> {
  status = code;
  try {
    return await postToConversation({
      serviceUrl,
      conversationId: 'a:1',
      activity: { type: 'message', text: 'Your question has an answer now.' },
      // The Emulator's unauthenticated mode: no token is asked for.
      credentials: new connector.MicrosoftAppCredentials('', ''),
      timeoutMs: 5_000,
    });
  } catch (error) {
    if (error instanceof TeamsFollowupError) return error;
    throw error;
  }
}

describe('postToConversation', () => {
  it('posts once and returns the activity id', async () => {
    posts = 0;
    expect(await post(200)).toEqual({ id: 'activity-1' });
    expect(posts).toBe(1);
  });

  it('sorts failures: 503 turned away (retried), other 5xx may have landed, 4xx permanent but 408/429', async () => {
    posts = 0;
    expect(await post(503)).toMatchObject({ code: 'http_503', permanent: false, maybeDelivered: false });
    expect(await post(500)).toMatchObject({ code: 'http_500', permanent: false, maybeDelivered: true });
    expect(await post(502)).toMatchObject({ code: 'http_502', permanent: false, maybeDelivered: true });
    expect(await post(429)).toMatchObject({ code: 'http_429', permanent: false, maybeDelivered: false });
    expect(await post(403)).toMatchObject({ code: 'http_403', permanent: true, maybeDelivered: false });
    // Each one request: never re-posted behind the caller's back.
    expect(posts).toBe(5);
  });
});
