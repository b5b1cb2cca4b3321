/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** PATCH /api/admin/settings with this session cookie and this CSRF token (cookie and header). */
const patchSettings = (session: string, csrf: string) =>
  fetch(`${server.url}/api/admin/settings`, {
    method: 'PATCH',
    headers: {
      'content-type': 'application/json',
      origin: server.url,
      'x-csrf-token': csrf,
      cookie: `clara_session=${session}; clara_csrf=${csrf}`,
    },
    body: JSON.stringify({ settings: { followups_enabled: false } }),
  });

describe('the CSRF token is bound to the session (attack pass)', () => {
  it("another user's clara_csrf cookie and header with Alice's session cookie is 403", async () => {
    const alice = await signUpOwner(server.url);
    const bob = await signUpOwner(server.url);
    const aliceSession = alice.cookies.get('clara_session') ?? '';
    const res = await patchSettings(aliceSession, bob.cookies.get('clara_csrf') ?? '');
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error).toEqual({
      code: 'forbidden',
      message: expect.stringContaining('CSRF'),
    });
    // Her own token still works, with the Origin check kept.
    expect((await patchSettings(aliceSession, alice.cookies.get('clara_csrf') ?? '')).status).toBe(200);
  });

  it("a signed-out page's token (GET /api/auth/session without a session) does not pass for a session", async () => {
    const alice = await signUpOwner(server.url);
    const stranger = adminClient(server.url, { email: 'x@example.com', password: 'x' });
    await stranger.request('GET', '/api/auth/session');
    const anonymous = stranger.cookies.get('clara_csrf') ?? '';
    expect(anonymous).not.toBe('');
    expect((await patchSettings(alice.cookies.get('clara_session') ?? '', anonymous)).status).toBe(403);
  });

  it('the Origin check stays: her own token from another site is 403', async () => {
    const alice = await signUpOwner(server.url);
    const res = await fetch(`${server.url}/api/admin/settings`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'x-csrf-token': alice.cookies.get('clara_csrf') ?? '',
        cookie: `clara_session=${alice.cookies.get('clara_session')}; clara_csrf=${alice.cookies.get('clara_csrf')}`,
      },
      body: JSON.stringify({ settings: { followups_enabled: false } }),
    });
    expect(res.status).toBe(403);
  });

  it('sign-out, GET /session and sign-in again work as the admin does them (the token follows the session)', async () => {
    const alice = await signUpOwner(server.url);
    const before = alice.cookies.get('clara_csrf');
    expect((await alice.request('POST', '/api/auth/sign-out')).status).toBe(204);
    const afterSignOut = alice.cookies.get('clara_csrf');
    expect(afterSignOut).not.toBe(before);
    await alice.request('GET', '/api/auth/session');
    expect(alice.cookies.get('clara_csrf')).toBe(afterSignOut); // still valid while signed out
    const signIn = await alice.json('POST', '/api/auth/sign-in', {
      email: alice.email,
      password: alice.password,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.csrf_token).toBe(alice.cookies.get('clara_csrf'));
    const patched = await alice.json('PATCH', '/api/admin/settings', {
      settings: { followups_enabled: true },
    });
    expect(patched.status).toBe(200);
    // GET /session keeps the session's token.
    await alice.request('GET', '/api/auth/session');
    expect(alice.cookies.get('clara_csrf')).toBe(signIn.body.csrf_token);
  });
});
