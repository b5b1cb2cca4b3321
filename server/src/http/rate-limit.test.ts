import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { createTokenBuckets } from './rate-limit';

let server: TestServer;
let workspaceId: string;

function chat(sessionToken: string, messageId = randomUUID()) {
  return fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: sessionToken,
      message_id: messageId,
      message: 'Hi?',
    }),
  });
}

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_CHAT_RATE_PER_SESSION: '2', CLARA_CHAT_RATE_PER_IP: '4' } });
  ({ workspaceId } = await server.createWorkspace());
});
afterAll(() => server.close());

describe('POST /api/chat rate limits', () => {
  it('limits new messages per session with 429 and Retry-After, readable cross-origin; repeats are free', async () => {
    const session = randomUUID();
    const first = randomUUID();
    expect((await chat(session, first)).status).toBe(200);
    expect((await chat(session)).status).toBe(200);
    const limited = await chat(session);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // A retry of a message already sent is answered from storage, never limited.
    expect((await chat(session, first)).status).toBe(200);
  });

  it('limits new messages per client IP across sessions', async () => {
    // Two of this IP's four tokens went to the test above.
    expect((await chat(randomUUID())).status).toBe(200);
    expect((await chat(randomUUID())).status).toBe(200);
    const limited = await chat(randomUUID());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(14);
  });
});

describe('token buckets', () => {
  it('refill at the configured rate and report the wait', () => {
    let t = 0;
    const buckets = createTokenBuckets(6, () => t);
    for (let i = 0; i < 6; i++) {
      expect(buckets.wait('k')).toBe(0);
      buckets.take('k');
    }
    expect(buckets.wait('k')).toBe(10);
    t += 10_000;
    expect(buckets.wait('k')).toBe(0);
  });
});
