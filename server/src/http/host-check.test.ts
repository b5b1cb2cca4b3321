/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to `server` with the Host (and other headers) given, as a rebound page's would be. */
function send(
  server: TestServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookieOf = (reply: Reply, name: string) =>
  ([] as string[])
    .concat(reply.headers['set-cookie'] ?? [])
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** GET /api/auth/session then POST /api/auth/sign-in, both to `host` with Origin http://host. */
async function signInVia(server: TestServer, host: string, email: string, password: string) {
  const origin = `http://${host}`;
  const session = await send(server, 'GET', '/api/auth/session', { host });
  const csrf = cookieOf(session, 'clara_csrf') ?? '';
  const signIn = await send(
    server,
    'POST',
    '/api/auth/sign-in',
    {
      host,
      origin,
      'content-type': 'application/json',
      'x-csrf-token': csrf,
      cookie: `clara_csrf=${csrf}`,
    },
    JSON.stringify({ email, password }),
  );
  return { session, signIn };
}

describe('DNS rebinding: without CLARA_PUBLIC_URL only localhost and IP literals are answered', () => {
  let server: TestServer;
  let owner: { email: string; password: string };
  let locked: string; // a workspace whose Allowed sites list only https://shop.example
  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpOwner(server.url);
    ({ workspaceId: locked } = await server.createWorkspace({
      settings: { allowed_origins: ['https://shop.example'] },
    }));
  });
  afterAll(() => server.close());

  it('a rebound name (Host: evil.example:PORT, Origin: http://evil.example:PORT) cannot sign in', async () => {
    const host = `evil.example:${new URL(server.url).port}`;
    const { session, signIn } = await signInVia(server, host, owner.email, owner.password);
    for (const reply of [session, signIn]) {
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        error: { code: 'forbidden', message: expect.stringContaining('CLARA_PUBLIC_URL') },
      });
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it("a rebound name's page is not Clara's own page to the chat's allowed sites", async () => {
    const host = `evil.example:${new URL(server.url).port}`;
    const chat = await send(
      server,
      'POST',
      '/api/chat',
      { host, origin: `http://${host}`, 'content-type': 'application/json', accept: 'application/json' },
      JSON.stringify({
        workspace_id: locked,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: 'Hi?',
      }),
    );
    expect(chat.status).toBe(403);
    expect(JSON.parse(chat.body).error.message).toContain('CLARA_PUBLIC_URL');
    const config = await send(server, 'GET', `/api/widget/${locked}/config`, {
      host,
      origin: `http://${host}`,
    });
    expect(config.status).toBe(403);
  });

  it('IP literals, localhost and *.localhost (any port) are answered; sign-in works there', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'clara.localhost:8080']) {
      const { signIn } = await signInVia(server, host, owner.email, owner.password);
      expect(signIn.status, host).toBe(200);
    }
    const plain = await send(server, 'GET', '/api/auth/config', { host: 'LOCALHOST.' });
    expect(plain.status).toBe(200);
  });

  it('a browser opening the admin by a LAN name gets the reason as a small HTML page; API clients keep JSON', async () => {
    const port = new URL(server.url).port;
    const host = `vm:${port}`;
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const method of ['GET', 'HEAD']) {
      const page = await send(server, method, '/admin', { host, accept });
      expect(page.status).toBe(403);
      expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      if (method === 'GET') {
        expect(page.body).toContain('<!doctype html>');
        expect(page.body).toContain('until CLARA_PUBLIC_URL is set');
        expect(page.body).toContain(`http://127.0.0.1:${port}/admin`);
        expect(page.body).not.toMatch(/<script|<link|src=|https?:\/\/(?!127\.0\.0\.1|clara\.example\.com)/);
      }
    }
    // An API client (or a POST from a page) keeps the error envelope.
    for (const [method, headers] of [
      ['GET', { host, accept: 'application/json' }],
      ['GET', { host }],
      ['POST', { host, accept: 'text/html', 'content-type': 'application/json' }],
    ] as const) {
      const reply = await send(server, method, '/api/auth/session', headers);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        error: { code: 'forbidden', message: expect.stringContaining('CLARA_PUBLIC_URL') },
      });
    }
  });

  it('the probes answer whatever Host they are sent with', async () => {
    expect((await send(server, 'GET', '/healthz', { host: 'clara-svc.internal' })).status).toBe(200);
    expect((await send(server, 'GET', '/api/auth/config', { host: 'clara-svc.internal' })).status).toBe(403);
  });
});

describe('with CLARA_PUBLIC_URL, its host is answered too (and still no other name)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CLARA_PUBLIC_URL: 'https://chat.example.com' } });
  });
  afterAll(() => server.close());

  it('answers chat.example.com and IP literals, refuses another name', async () => {
    const ok = await send(server, 'GET', '/api/auth/session', { host: 'Chat.Example.com' });
    expect(ok.status).toBe(200);
    expect((await send(server, 'GET', '/api/auth/session', { host: new URL(server.url).host })).status).toBe(
      200,
    );
    const evil = await send(server, 'GET', '/api/auth/session', { host: 'evil.example' });
    expect(evil.status).toBe(403);
    const body = JSON.parse(evil.body) as any;
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain('chat.example.com');
  });
});
