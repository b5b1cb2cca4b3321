/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { updateSettings } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let open: string; // allowed_origins: [] (any site)
let locked: string; // allowed_origins: ['https://shop.example']
const shop = 'https://shop.example';

const req = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const chatBody = (workspace_id: string) => ({
  workspace_id,
  session_token: randomUUID(),
  message_id: randomUUID(),
  message: 'What are your opening hours?',
});

/** The four public endpoints of a workspace, as [method, path, body]. */
const endpoints = (ws: string): [string, string, unknown][] => [
  ['POST', '/api/chat', chatBody(ws)],
  ['GET', `/api/chat/history?workspace_id=${ws}&session_token=${randomUUID()}`, undefined],
  [
    'POST',
    '/api/chat/feedback',
    { workspace_id: ws, session_token: randomUUID(), message_id: randomUUID(), rating: 'up' },
  ],
  ['GET', `/api/widget/${ws}/config`, undefined],
];

beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId: open } = await server.createWorkspace());
  ({ workspaceId: locked } = await server.createWorkspace({ settings: { allowed_origins: [shop] } }));
  const pairs = [{ question: 'What are your opening hours?', answer: 'Nine to five.', category: 'general' }];
  await server.addPairs(open, pairs);
  await server.addPairs(locked, pairs);
});
afterAll(() => server.close());

describe('allowed_origins', () => {
  it('defaults to any site: every endpoint answers any Origin with CORS headers', async () => {
    for (const [method, path, body] of endpoints(open)) {
      const res = await req(method, path, { origin: 'https://anyone.example' }, body);
      expect(res.status, path).not.toBe(403);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('https://anyone.example');
    }
  });

  it('sends no CORS headers on the admin and sign-in APIs, whatever the Origin (another site may not read them)', async () => {
    for (const path of [
      '/api/admin/settings',
      '/api/auth/session',
      '/api/auth/sign-in',
      '/api/ADMIN/settings',
    ]) {
      const res = await req('GET', path, { origin: 'https://anyone.example' });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      const pre = await req('OPTIONS', path, {
        origin: 'https://anyone.example',
        'access-control-request-method': 'POST',
      });
      expect(pre.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(pre.headers.get('access-control-allow-methods'), path).toBeNull();
    }
  });

  it('refuses another site with a readable 403 forbidden that holds no data, on all four endpoints', async () => {
    for (const [method, path, body] of endpoints(locked)) {
      const res = await req(method, path, { origin: 'https://evil.example' }, body);
      expect(res.status, path).toBe(403);
      // The page may read the refusal (so the widget can say why), and nothing else.
      expect(res.headers.get('access-control-allow-origin'), path).toBe('https://evil.example');
      expect(await res.json(), path).toEqual({
        error: { code: 'forbidden', message: 'This site is not allowed to use this chat.' },
      });
    }
    const count = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chat_sessions WHERE workspace_id = $1',
      [locked],
    );
    expect(count[0]?.n).toBe(0); // nothing was stored for the refused chat
  });

  it("lets a page of Clara's own host through (Try it now), and no other host or port", async () => {
    const own = new URL(server.url);
    for (const [method, path, body] of endpoints(locked)) {
      const res = await req(method, path, { origin: own.origin }, body);
      expect(res.status, path).not.toBe(403); // feedback on an unknown message is a 404
      expect(res.headers.get('access-control-allow-origin'), path).toBe(own.origin);
    }
    expect((await req('GET', `/api/widget/${locked}/config`, { origin: own.origin })).status).toBe(200);
    // The page is Clara's own: no other site may frame it to borrow its origin.
    const demo = await fetch(`${server.url}/demo?workspace=${locked}`);
    expect(demo.status).toBe(200);
    expect(demo.headers.get('x-frame-options')).toBe('DENY');
    expect(demo.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const otherPort = `${own.protocol}//${own.hostname}:${Number(own.port) + 1}`;
    const otherHost = `${own.protocol}//localhost:${own.port}`; // same port, another host name
    for (const origin of [otherPort, otherHost]) {
      const res = await req('POST', '/api/chat', { origin }, chatBody(locked));
      expect(res.status, origin).toBe(403);
    }
  });

  it("with CLARA_PUBLIC_URL, only that origin counts as Clara's own (not the Host a request names)", async () => {
    const pub = await startTestServer({ env: { CLARA_PUBLIC_URL: 'https://chat.example' } });
    try {
      const { workspaceId } = await pub.createWorkspace({ settings: { allowed_origins: [shop] } });
      const ask = (origin: string, host?: string) =>
        fetch(`${pub.url}/api/widget/${workspaceId}/config`, {
          headers: { origin, ...(host ? { host } : {}) },
        });
      expect((await ask('https://chat.example')).status).toBe(200);
      // A page on the request's Host that is not the public origin (e.g. a rebound DNS name).
      expect((await ask(new URL(pub.url).origin)).status).toBe(403);
      expect((await ask('http://rebound.example', 'rebound.example')).status).toBe(403);
      expect((await ask('http://chat.example')).status).toBe(403); // the scheme counts too
    } finally {
      await pub.close();
    }
  });

  it('lets a listed site and requests without Origin (server to server) through', async () => {
    for (const [method, path, body] of endpoints(locked)) {
      const listed = await req(method, path, { origin: shop }, body);
      expect(listed.status, path).not.toBe(403);
      expect(listed.headers.get('access-control-allow-origin'), path).toBe(shop);
      const curl = await req(method, path, {}, body);
      expect(curl.status, path).not.toBe(403);
    }
    const res = await req('POST', '/api/chat', { origin: shop }, chatBody(locked));
    expect(((await res.json()) as any).message.content).toBe('Nine to five.');
  });

  it('takes effect on the next request after the owner changes it', async () => {
    const { workspaceId } = await server.createWorkspace();
    const config = (origin: string) => req('GET', `/api/widget/${workspaceId}/config`, { origin });
    expect((await config('https://a.example')).status).toBe(200);
    await updateSettings(server.db, workspaceId, { allowed_origins: ['https://b.example'] });
    expect((await config('https://a.example')).status).toBe(403);
    expect((await config('https://b.example')).status).toBe(200);
  });

  it('is validated strictly by the admin settings schema and never shown to visitors', async () => {
    const { settingsPatchSchema } = await import('../admin/settings/settings-schemas');
    const ok = settingsPatchSchema.safeParse({
      settings: { allowed_origins: [shop, 'http://localhost:8080'] },
    });
    expect(ok.success).toBe(true);
    for (const bad of [
      'https://shop.example/',
      'https://shop.example/path',
      'shop.example',
      'ftp://x.example',
      'HTTPS://SHOP.EXAMPLE',
    ]) {
      expect(settingsPatchSchema.safeParse({ settings: { allowed_origins: [bad] } }).success, bad).toBe(
        false,
      );
    }
    const res = await req('GET', `/api/widget/${locked}/config`);
    expect(((await res.json()) as any).settings.allowed_origins).toBeUndefined();
  });
});

describe('CORS on /api', () => {
  it('exposes Retry-After and answers any /api preflight, matched or not', async () => {
    for (const path of ['/api/chat', '/api/chat/feedback', '/api/nothing/here']) {
      const pre = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: shop,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(pre.status, path).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(shop);
      expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    }
    const missing = await req('GET', '/api/nothing/here', { origin: shop });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(shop);
    expect(missing.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(((await missing.json()) as any).error.code).toBe('not_found');
    const bad = await req('POST', '/api/chat', { origin: shop }, { nope: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(shop);
    expect(bad.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('revalidates the widget config with an ETag (a changed setting shows on the next load)', async () => {
    const { workspaceId } = await server.createWorkspace();
    const first = await req('GET', `/api/widget/${workspaceId}/config`);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    // fetch() adds `Cache-Control: no-cache` to a conditional request unless one is given.
    const conditional = { 'if-none-match': etag, 'cache-control': 'max-age=0' };
    const same = await req('GET', `/api/widget/${workspaceId}/config`, conditional);
    expect(same.status).toBe(304);
    await updateSettings(server.db, workspaceId, { primary_color: '#123456' });
    const changed = await req('GET', `/api/widget/${workspaceId}/config`, conditional);
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as any).settings.primary_color).toBe('#123456');
  });
});
