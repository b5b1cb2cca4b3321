/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { ownerInviteCommand } from '../cli/owner-command';
import { loadConfig } from '../config/load-config';
import { deriveSessionSecret } from './session-secret';
import { createInvite } from './sign-up-guard';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function signUp(server: TestServer, email: string, invite?: string) {
  const c = adminClient(server.url, { email, password: 'a long password' });
  await c.request('GET', '/api/auth/session');
  const res = await c.request('POST', '/api/auth/sign-up', { email, password: c.password, invite });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('sign-up control (issue 18 #6)', () => {
  it('defaults to invite, embedded and with DATABASE_URL alike (CLARA_SIGNUP overrides)', () => {
    expect(loadConfig({}).signup).toEqual({ mode: 'invite', perHour: 5 });
    // A public self-hosted server is not open to anyone by default (the README's Quick start).
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).signup.mode).toBe('invite');
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', CLARA_SIGNUP: 'open' }).signup.mode).toBe('open');
    expect(loadConfig({ CLARA_SIGNUP: 'closed' }).signup.mode).toBe('closed');
    expect(() => loadConfig({ CLARA_SIGNUP: 'sometimes' })).toThrow(/CLARA_SIGNUP/);
  });

  it('invite mode (the default): the first owner freely, then only with an invite for that email; throttled per address; refusals reveal no email', async () => {
    const server = await startTestServer({ env: { CLARA_SIGNUP: 'invite', CLARA_SIGNUP_PER_HOUR: '5' } });
    servers.push(server);
    const config = await fetch(`${server.url}/api/auth/config`).then((r) => r.json());
    expect(config).toEqual({ auth: 'embedded', signup: 'invite', signup_open: true });

    expect((await signUp(server, 'first@example.com')).status).toBe(201);
    const stranger = await signUp(server, 'stranger@example.com');
    const existing = await signUp(server, 'first@example.com');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('forbidden');
    // An existing email is refused exactly like a new one: nothing to enumerate.
    expect(existing).toEqual(stranger);

    const invited = await ownerInviteCommand(server.runtime.config, {
      email: 'Colleague@example.com',
      days: '7',
    });
    expect(invited.sign_up_url).toContain('/admin/?invite=');
    expect((await signUp(server, 'other@example.com', invited.invite)).status).toBe(403);
    expect((await signUp(server, 'colleague@example.com', invited.invite)).status).toBe(201);
    // Attempt 6 from this address within the hour: 429 with Retry-After, whatever it carries.
    const secret = deriveSessionSecret(server.runtime.masterKey, 'invite');
    const late = await signUp(
      server,
      'late@example.com',
      createInvite(secret, 'late@example.com', new Date(Date.now() + 60_000)),
    );
    expect(late.status).toBe(429);
    expect(late.body.error.code).toBe('rate_limited');
    expect(Number(late.retryAfter)).toBeGreaterThan(3000);
  });

  it('an expired or forged invite is refused; closed mode refuses everyone', async () => {
    const server = await startTestServer({ env: { CLARA_SIGNUP: 'invite' } });
    servers.push(server);
    expect((await signUp(server, 'first@example.com')).status).toBe(201);
    const secret = deriveSessionSecret(server.runtime.masterKey, 'invite');
    const expired = createInvite(secret, 'x@example.com', new Date(Date.now() - 1000));
    expect((await signUp(server, 'x@example.com', expired)).status).toBe(403);
    const forged = createInvite(new Uint8Array(32), 'x@example.com', new Date(Date.now() + 60_000));
    expect((await signUp(server, 'x@example.com', forged)).status).toBe(403);

    const closed = await startTestServer({ env: { CLARA_SIGNUP: 'closed' } });
    servers.push(closed);
    const refused = await signUp(closed, 'first@example.com');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/closed/);
  });

  it('open mode: a burst of 50 sign-ups from one address creates at most the hourly limit', async () => {
    const server = await startTestServer({ env: { CLARA_SIGNUP: 'open', CLARA_SIGNUP_PER_HOUR: '5' } });
    servers.push(server);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signUp(server, `burst-${i}@example.com`)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(45);
    const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM auth.users');
    expect(row?.n).toBe(5);
  });
});
