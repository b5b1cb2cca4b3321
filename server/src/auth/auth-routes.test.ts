/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { createUser, createWorkspace } from '@clara/supabase';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { hashPassword } from './password';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('sign-up, session, sign-out', () => {
  it('creates the owner and their one workspace, and signs them in with a Supabase-shaped JWT cookie', async () => {
    const owner = await signUpOwner(server.url, { workspaceName: 'Acme' });
    const session = await owner.json('GET', '/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe(owner.email);
    expect(session.body.workspace).toEqual({ id: owner.workspaceId, name: 'Acme' });

    const claims = decodeJwt(owner.cookies.get('clara_session') ?? '');
    expect(claims).toMatchObject({
      sub: session.body.user.id,
      role: 'authenticated',
      email: owner.email,
      aud: 'authenticated',
    });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    const [ws] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM workspaces WHERE owner_id = $1',
      [claims.sub],
    );
    expect(ws?.n).toBe(1);

    const out = await owner.request('POST', '/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect((await owner.json('GET', '/api/auth/session')).body.user).toBeNull();
    expect((await owner.json('GET', '/api/admin/overview')).status).toBe(401);
  });

  it('sets httpOnly SameSite=Lax session cookies and never returns secrets', async () => {
    const c = adminClient(server.url, {
      email: 'cookie-check@example.com',
      password: 'correct horse battery',
    });
    await c.request('GET', '/api/auth/session');
    const res = await c.request('POST', '/api/auth/sign-up', { email: c.email, password: c.password });
    expect(res.status).toBe(201);
    const lines = res.headers.getSetCookie();
    const session = lines.find((l) => l.startsWith('clara_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(lines.find((l) => l.startsWith('clara_csrf='))).not.toMatch(/HttpOnly/);
    const text = await res.text();
    expect(text).not.toContain(c.password);
    expect(text).not.toContain('scrypt$');
    expect(server.logs.join('')).not.toContain(c.password);
  });

  it('refuses a second account with the same email (409)', async () => {
    const owner = await signUpOwner(server.url);
    const again = adminClient(server.url, { email: owner.email.toUpperCase(), password: 'another-password' });
    await again.request('GET', '/api/auth/session');
    const res = await again.json('POST', '/api/auth/sign-up', {
      email: again.email,
      password: again.password,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('validates sign-up input (400)', async () => {
    const c = adminClient(server.url, { email: 'not-an-email', password: 'short' });
    await c.request('GET', '/api/auth/session');
    const res = await c.json('POST', '/api/auth/sign-up', { email: c.email, password: c.password });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('sign-in', () => {
  it('accepts an owner created like `clara workspace create --email --password`', async () => {
    const email = 'cli-owner@example.com';
    const password = 'cli-password-123';
    await server.db.transaction(async (tx) => {
      const user = await createUser(tx, email, await hashPassword(password));
      await createWorkspace(tx, user.id, { name: 'From the CLI' });
    });
    const c = adminClient(server.url, { email, password });
    await c.request('GET', '/api/auth/session');
    const res = await c.json('POST', '/api/auth/sign-in', { email: 'CLI-Owner@Example.com', password });
    expect(res.status).toBe(200);
    expect(res.body.workspace.name).toBe('From the CLI');
    expect((await c.json('GET', '/api/admin/overview')).status).toBe(200);
  });

  it('rejects a wrong password and an unknown email alike (401)', async () => {
    const owner = await signUpOwner(server.url);
    for (const email of [owner.email, 'nobody@example.com']) {
      const c = adminClient(server.url, { email, password: 'wrong-password' });
      await c.request('GET', '/api/auth/session');
      const res = await c.json('POST', '/api/auth/sign-in', { email, password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: 'unauthorized', message: 'Wrong email or password.' });
      expect(c.cookies.has('clara_session')).toBe(false);
    }
  });

  it('backs off after 5 failures for that email and address: 429 with Retry-After, even for the right password', async () => {
    const owner = await signUpOwner(server.url);
    const c = adminClient(server.url, { email: owner.email, password: owner.password });
    await c.request('GET', '/api/auth/session');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await c.request('POST', '/api/auth/sign-in', { email: owner.email, password: 'nope' })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await c.request('POST', '/api/auth/sign-in', {
      email: owner.email,
      password: owner.password,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await locked.json()) as any).error.code).toBe('rate_limited');
    // Another owner's sign-in is not affected.
    const other = await signUpOwner(server.url);
    const fresh = adminClient(server.url, { email: other.email, password: other.password });
    await fresh.request('GET', '/api/auth/session');
    expect(
      (await fresh.request('POST', '/api/auth/sign-in', { email: other.email, password: other.password }))
        .status,
    ).toBe(200);
  });

  it('rejects a forged or tampered session token (401)', async () => {
    const owner = await signUpOwner(server.url);
    const jwt = owner.cookies.get('clara_session') ?? '';
    const [h, p] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${jwt.split('.')[2]}`;
    owner.cookies.set('clara_session', forged);
    expect((await owner.json('GET', '/api/admin/overview')).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    owner.cookies.set('clara_session', none);
    expect((await owner.json('GET', '/api/admin/overview')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses state-changing requests without the token, with a wrong token, or from another origin (403)', async () => {
    const owner = await signUpOwner(server.url);
    const pair = { question: 'Is CSRF checked?', answer: 'Yes.' };
    const noToken = await owner.request('POST', '/api/admin/knowledge', pair, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    const wrong = await owner.request('POST', '/api/admin/knowledge', pair, { 'x-csrf-token': 'abc.def' });
    expect(wrong.status).toBe(403);
    const crossSite = await owner.request('POST', '/api/admin/knowledge', pair, {
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as any).error.code).toBe('forbidden');
    const signOut = await owner.request('POST', '/api/auth/sign-out', undefined, { 'x-csrf-token': '' });
    expect(signOut.status).toBe(403);
    const [count] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_pairs WHERE workspace_id = $1',
      [owner.workspaceId],
    );
    expect(count?.n).toBe(0);
    const ok = await owner.request('POST', '/api/admin/knowledge', pair, { origin: server.url });
    expect(ok.status).toBe(201);
  });

  it('protects sign-in too (no login CSRF)', async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'whatever' }),
    });
    expect(res.status).toBe(403);
  });
});
