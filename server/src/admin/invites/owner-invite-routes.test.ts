/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Invite-only sign-up through the real server: the admin can ask whether sign-up is open without
 * an invite (`GET /api/auth/config` → `signup_open`, before the form, not after it), and the
 * server's owner (the first account, the demo owner not counted) invites someone from the admin
 * (`POST /api/admin/owner-invites`, the same invite as `clara owner invite`) to a new, separate
 * account with its own workspace; any other owner gets 403. CSRF and the error envelope of every
 * admin route.
 */
import { createUser, markDemoOwner } from '@clara/supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
/** The server's owner: the first account signed up (in the first test). */
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'invite' } });
  // The demo owner of `clara start` exists before anyone signs up: it is not the server's owner.
  const demo = await createUser(server.db, 'demo@example.com', 'not-a-real-hash');
  await markDemoOwner(server.db, demo.id);
});
afterAll(() => server.close());

const config = async () => (await (await fetch(`${server.url}/api/auth/config`)).json()) as any;

describe('invite-only sign-up', () => {
  it('says whether sign-up is open without an invite, before anyone fills the form', async () => {
    expect(await config()).toEqual({ auth: 'embedded', signup: 'invite', signup_open: true });
    owner = await signUpOwner(server.url);
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
    // The invite made a new, separate account: its own workspace, not the inviter's.
    expect(signedUp.body.workspace.id).not.toBe(owner.workspaceId);
    expect(signedUp.body.user.server_owner).toBe(false);
    expect((await owner.json('GET', '/api/auth/session')).body.user.server_owner).toBe(true);

    // That email now has an account: a second invite is refused, saying why.
    const again = await owner.json('POST', '/api/admin/owner-invites', { email: 'colleague@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it("refuses every owner but the server's owner (403): a tenant cannot mint accounts", async () => {
    // The colleague invited above is an owner too, of their own workspace, not the server's owner.
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
    expect(signedIn.body.user.server_owner).toBe(false);
    const refused = await colleague.json('POST', '/api/admin/owner-invites', { email: 'third@example.com' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'forbidden',
      message: "Only the server's owner (the first account created on this server) can invite new accounts.",
    });
    expect(JSON.stringify(refused.body)).not.toContain('invite=');
  });

  it('refuses bad input with the error envelope, and anyone not signed in or without the CSRF token', async () => {
    // The server's owner (the first sign-up above): bad input is a 400, not a 403.
    for (const body of [
      { email: 'not an email' },
      { email: 'a@example.com', days: 0 },
      { email: 'a@example.com', days: 91 },
      { email: 'a@example.com', role: 'admin' },
    ]) {
      const res = await owner.json('POST', '/api/admin/owner-invites', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    const noCsrf = await owner.request(
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
