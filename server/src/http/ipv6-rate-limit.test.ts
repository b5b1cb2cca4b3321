import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

// Behind one trusted proxy (X-Forwarded-For names the client). On PGlite the chat limit is
// in memory (rate-limit.ts); on native Postgres it is in the database (shared-rate-limit.ts).
let server: TestServer;
let workspaceId: string;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      CLARA_TRUST_PROXY: '1',
      CLARA_CHAT_RATE_PER_IP: '2',
      CLARA_CHAT_RATE_PER_SESSION: '100',
      CLARA_SIGNUP_PER_HOUR: '2',
    },
  });
  ({ workspaceId } = await server.createWorkspace());
});
afterAll(() => server.close());

const chat = (from: string) =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: 'Hi?',
    }),
  }).then((r) => r.status);

const history = (from: string) =>
  fetch(`${server.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${randomUUID()}`, {
    headers: { 'x-forwarded-for': from },
  }).then((r) => r.status);

async function signUp(from: string) {
  const session = await fetch(`${server.url}/api/auth/session`, { headers: { 'x-forwarded-for': from } });
  const csrf = /clara_csrf=([^;]+)/.exec(session.headers.getSetCookie().join('\n'))?.[1] ?? '';
  const res = await fetch(`${server.url}/api/auth/sign-up`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': from,
      'x-csrf-token': csrf,
      cookie: `clara_csrf=${csrf}`,
    },
    body: JSON.stringify({ email: `owner-${randomUUID()}@example.com`, password: `pw-${randomUUID()}` }),
  });
  return res.status;
}

describe('IPv6 clients are rate limited by their /64 (attack pass)', () => {
  it('chat: the addresses of one /64 share the per-IP limit; another /64 has its own', async () => {
    const statuses: number[] = [];
    for (const from of ['2001:db8:7::1', '2001:db8:7::2', '2001:db8:7::3']) statuses.push(await chat(from));
    expect(statuses).toEqual([200, 200, 429]);
    expect(await chat('2001:db8:7:0:ffff:ffff:ffff:ffff')).toBe(429);
    expect(await chat('2001:db8:8::1')).toBe(200);
  });

  it('chat: an IPv4-mapped IPv6 address counts as its IPv4 address', async () => {
    expect(await chat('198.51.100.20')).toBe(200);
    expect(await chat('::ffff:198.51.100.20')).toBe(200);
    expect(await chat('198.51.100.20')).toBe(429);
  });

  it("chat history (the public API's read limit): one /64, one bucket", async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 9; n++) statuses.push(await history(`2001:db8:9::${n}`));
    expect(statuses.slice(0, 8)).not.toContain(429);
    expect(statuses[8]).toBe(429);
  });

  it('sign-up: the per-address hourly limit covers the whole /64', async () => {
    const statuses: number[] = [];
    for (const from of ['2001:db8:5::1', '2001:db8:5::2', '2001:db8:5::3']) statuses.push(await signUp(from));
    expect(statuses).toEqual([201, 201, 429]);
    expect(await signUp('2001:db8:6::1')).toBe(201);
  });
});
