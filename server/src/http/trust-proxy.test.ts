import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { loadConfig } from '../config/load-config';

const limits = { CLARA_CHAT_RATE_PER_IP: '2', CLARA_CHAT_RATE_PER_SESSION: '100' };

function chat(server: TestServer, workspaceId: string, forwardedFor?: string) {
  return fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: 'Hi?',
    }),
  });
}

async function statuses(server: TestServer, workspaceId: string, forwardedFor: (string | undefined)[]) {
  const out: number[] = [];
  for (const header of forwardedFor) out.push((await chat(server, workspaceId, header)).status);
  return out;
}

describe('CLARA_TRUST_PROXY', () => {
  it('parses false (default), true (the whole header) and a number of proxies; rejects the rest', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ CLARA_TRUST_PROXY: 'False' }).trustProxy).toBe(false);
    expect(loadConfig({ CLARA_TRUST_PROXY: 'true' }).trustProxy).toEqual({ hops: 0 });
    expect(loadConfig({ CLARA_TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    for (const bad of ['yes', '0', '-1', '1.5', '100']) {
      expect(() => loadConfig({ CLARA_TRUST_PROXY: bad })).toThrow(/CLARA_TRUST_PROXY/);
    }
  });

  describe('off (the default)', () => {
    let server: TestServer;
    let workspaceId: string;
    beforeAll(async () => {
      server = await startTestServer({ env: limits });
      ({ workspaceId } = await server.createWorkspace());
    });
    afterAll(() => server.close());

    it('ignores X-Forwarded-For: a client cannot dodge the per-IP limit by forging it', async () => {
      expect(await statuses(server, workspaceId, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([
        200, 200, 429,
      ]);
    });
  });

  describe('one trusted proxy', () => {
    let server: TestServer;
    let workspaceId: string;
    beforeAll(async () => {
      server = await startTestServer({ env: { ...limits, CLARA_TRUST_PROXY: '1' } });
      ({ workspaceId } = await server.createWorkspace());
    });
    afterAll(() => server.close());

    it('gives each forwarded client address its own per-IP bucket', async () => {
      const a = '203.0.113.10';
      const b = '203.0.113.20';
      expect(await statuses(server, workspaceId, [a, a, a])).toEqual([200, 200, 429]);
      // Another visitor behind the same proxy is not limited by the first one.
      expect(await statuses(server, workspaceId, [b, b])).toEqual([200, 200]);
    });

    it('counts the address the proxy appended, not one the client put in front of it', async () => {
      const c = '203.0.113.30';
      // The proxy appends the address it saw: "forged, real". Only "real" counts.
      expect(
        await statuses(server, workspaceId, [
          `198.51.100.1, ${c}`,
          `198.51.100.2, ${c}`,
          `198.51.100.3, ${c}`,
        ]),
      ).toEqual([200, 200, 429]);
    });
  });
});
