/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { ownerCommand } from '../cli/owner-command';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A second browser signed in to the same account. */
async function signIn(owner: { email: string; password: string }): Promise<AdminClient> {
  const c = adminClient(server.url, owner);
  await c.request('GET', '/api/auth/session');
  const res = await c.request('POST', '/api/auth/sign-in', { email: owner.email, password: owner.password });
  expect(res.status).toBe(200);
  return c;
}

const overviewWith = (jwt: string, as: 'cookie' | 'bearer') =>
  fetch(`${server.url}/api/admin/overview`, {
    headers: as === 'cookie' ? { cookie: `clara_session=${jwt}` } : { authorization: `Bearer ${jwt}` },
  }).then((r) => r.status);

describe('sessions that really end (issue 18 #5)', () => {
  it('sign-out revokes the token server-side: a kept copy gets 401 as cookie and as bearer', async () => {
    const owner = await signUpOwner(server.url);
    const jwt = owner.cookies.get('clara_session') ?? '';
    expect(await overviewWith(jwt, 'bearer')).toBe(200);
    expect((await owner.request('POST', '/api/auth/sign-out')).status).toBe(204);
    expect(await overviewWith(jwt, 'cookie')).toBe(401);
    expect(await overviewWith(jwt, 'bearer')).toBe(401);
    const session = await fetch(`${server.url}/api/auth/session`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(((await session.json()) as any).user).toBeNull();
  });

  it('sign out everywhere ends every session of the account, not other accounts', async () => {
    const owner = await signUpOwner(server.url);
    const laptop = await signIn(owner);
    const other = await signUpOwner(server.url);
    const res = await owner.request('POST', '/api/auth/sign-out-everywhere');
    expect(res.status).toBe(204);
    expect((await laptop.json('GET', '/api/admin/overview')).status).toBe(401);
    expect((await owner.json('GET', '/api/admin/overview')).status).toBe(401);
    expect((await other.json('GET', '/api/admin/overview')).status).toBe(200);
    const anonymous = adminClient(server.url, { email: 'x@example.com', password: 'x' });
    await anonymous.request('GET', '/api/auth/session');
    const refused = await anonymous.json('POST', '/api/auth/sign-out-everywhere');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
  });

  it('change password: checks the current one, ends the other sessions, keeps this one', async () => {
    const owner = await signUpOwner(server.url);
    const phone = await signIn(owner);
    const wrong = await owner.json('POST', '/api/auth/password', {
      current_password: 'not it',
      new_password: 'a brand new password',
    });
    expect(wrong.status).toBe(401);
    const short = await owner.json('POST', '/api/auth/password', {
      current_password: owner.password,
      new_password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('validation_failed');
    const ok = await owner.request('POST', '/api/auth/password', {
      current_password: owner.password,
      new_password: 'a brand new password',
    });
    expect(ok.status).toBe(204);
    expect((await phone.json('GET', '/api/admin/overview')).status).toBe(401);
    expect((await owner.json('GET', '/api/admin/overview')).status).toBe(200);
    const old = adminClient(server.url, owner);
    await old.request('GET', '/api/auth/session');
    expect(
      (await old.request('POST', '/api/auth/sign-in', { email: owner.email, password: owner.password }))
        .status,
    ).toBe(401);
    await signIn({ email: owner.email, password: 'a brand new password' });
    expect(server.logs.join('')).not.toContain('a brand new password');
  });

  it('a valid token of a deleted user is signed out (200 user null at /session, 401 elsewhere), never a 500', async () => {
    const owner = await signUpOwner(server.url);
    const jwt = owner.cookies.get('clara_session') ?? '';
    await server.db.query('DELETE FROM auth.users WHERE email = $1', [owner.email]);
    const session = await fetch(`${server.url}/api/auth/session`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(session.status).toBe(200);
    expect(((await session.json()) as any).user).toBeNull();
    expect(await overviewWith(jwt, 'bearer')).toBe(401);
  });

  it('clara owner reset-password sets the password and ends every session', async () => {
    const owner = await signUpOwner(server.url);
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) =>
      written.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await ownerCommand(server.runtime, 'reset-password', {
        email: owner.email,
        password: 'reset by the admin',
      });
    } finally {
      process.stdout.write = write;
    }
    expect(JSON.parse(written.join(''))).toMatchObject({ sessions_ended: 1 });
    expect((await owner.json('GET', '/api/admin/overview')).status).toBe(401);
    await signIn({ email: owner.email, password: 'reset by the admin' });
    await expect(
      ownerCommand(server.runtime, 'reset-password', {
        email: 'nobody@example.com',
        password: 'long enough',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
