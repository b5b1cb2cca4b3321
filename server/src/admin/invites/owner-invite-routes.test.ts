/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Invite-only sign-up through the real server: the admin can ask whether sign-up is open without
 * an invite (`GET /api/auth/config` → `signup_open`, before the form, not after it), and a
 * signed-in owner invites another from the admin (`POST /api/admin/owner-invites`, the same
 * invite as `clara owner invite`), with CSRF and the error envelope of every admin route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'invite' } });
});
afterAll(() => server.close());

const config = async () => (await (await fetch(`${server.url}/api/auth/config`)).json()) as any;

describe('invite-only sign-up', () => {
  it('says whether sign-up is open without an invite, before anyone fills the form', async () => {
    expect(await config()).toEqual({ auth: 'embedded', signup: 'invite', signup_open: true });
    const owner = await signUpOwner(server.url);
    expect(await config()).toEqual({ auth: 'embedded', signup: 'invite', signup_open: false });

    // A second person without an invite is still refused at sign-up.
    const stranger = adminClient(server.url, { email: 'stranger@example.com', password: 'a long password' });
    await stranger.request('GET', '/api/auth/session');
    const refused = await stranger.json('POST', '/api/auth/sign-up', {
      email: stranger.email,
      password: stranger.password,
    });
    expect(refused.status).toBe(403);

    // The owner invites a colleague from the admin; the link signs them up.
    const issued = await owner.json('POST', '/api/admin/owner-invites', {
      email: 'Colleague@Example.com',
      days: 3,
    });
    expect(issued.status).toBe(201);
    expect(issued.body.email).toBe('colleague@example.com');
    const url = new URL(issued.body.sign_up_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/admin/`);
    expect(url.searchParams.get('email')).toBe('colleague@example.com');
    const days = (new Date(issued.body.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);

    const colleague = adminClient(server.url, {
      email: 'colleague@example.com',
      password: 'a long password',
    });
    await colleague.request('GET', '/api/auth/session');
    const signedUp = await colleague.json('POST', '/api/auth/sign-up', {
      email: colleague.email,
      password: colleague.password,
      invite: url.searchParams.get('invite'),
    });
    expect(signedUp.status).toBe(201);

    // That email now has an account: a second invite is refused, saying why.
    const again = await owner.json('POST', '/api/admin/owner-invites', { email: 'colleague@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('refuses bad input with the error envelope, and anyone not signed in or without the CSRF token', async () => {
    // Sign-up is by invitation now: the colleague invited above signs in.
    const colleague = adminClient(server.url, {
      email: 'colleague@example.com',
      password: 'a long password',
    });
    await colleague.request('GET', '/api/auth/session');
    const signedIn = await colleague.json('POST', '/api/auth/sign-in', {
      email: colleague.email,
      password: colleague.password,
    });
    expect(signedIn.status).toBe(200);
    for (const body of [
      { email: 'not an email' },
      { email: 'a@example.com', days: 0 },
      { email: 'a@example.com', days: 91 },
      { email: 'a@example.com', role: 'admin' },
    ]) {
      const res = await colleague.json('POST', '/api/admin/owner-invites', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    const noCsrf = await colleague.request(
      'POST',
      '/api/admin/owner-invites',
      { email: 'b@example.com' },
      { 'x-csrf-token': '' },
    );
    expect(noCsrf.status).toBe(403);
    const anonymous = await fetch(`${server.url}/api/admin/owner-invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'b@example.com' }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).error.code).toBe('unauthorized');
  });
});
