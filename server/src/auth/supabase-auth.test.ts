/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { createUser } from '@clara/supabase';
import { startFakeSupabase } from '@clara/testkit/fake-supabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

const anonKey = 'anon-public-key-for-tests';
const jwtSecret = 'legacy-jwt-secret-0123456789abcdef';
let fake: Awaited<ReturnType<typeof startFakeSupabase>>;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeSupabase({ anonKey, jwtSecret });
  server = await startTestServer({
    env: { SUPABASE_URL: `${fake.url}/`, SUPABASE_ANON_KEY: anonKey, SUPABASE_JWT_SECRET: jwtSecret },
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

/** An owner as Supabase Auth would have them: a row in auth.users, then a token naming it. */
async function supabaseUser() {
  const email = `sb-${Math.random().toString(36).slice(2)}@example.com`;
  const user = await createUser(server.db, email, 'bcrypt-hash-held-by-gotrue');
  return { id: user.id, email };
}

const call = async (path: string, token: string | undefined, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
};

describe('Supabase Auth mode', () => {
  it('tells the SPA to use Supabase (URL and anon key only) and turns embedded accounts off', async () => {
    const config = await call('/api/auth/config', undefined);
    expect(config.body).toEqual({ auth: 'supabase', supabase: { url: fake.url, anon_key: anonKey } });
    expect(JSON.stringify(config.body)).not.toContain(jwtSecret);
    const session = await fetch(`${server.url}/api/auth/session`);
    const csrf = ((await session.json()) as any).csrf_token as string;
    const cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const signIn = await call('/api/auth/sign-in', undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie },
      body: JSON.stringify({ email: 'a@example.com', password: 'whatever1' }),
    });
    expect(signIn.status).toBe(400);
    expect(signIn.body.error.code).toBe('bad_request');
  });

  it('accepts a valid access token (ES256 and RS256 from the JWKS, HS256 legacy secret) and creates the workspace on first sign-in', async () => {
    const owner = await supabaseUser();
    const es = await fake.mint({ sub: owner.id, email: owner.email });
    const first = await call('/api/auth/session', es);
    expect(first.status).toBe(200);
    expect(first.body.user).toEqual({ id: owner.id, email: owner.email });
    expect(first.body.workspace.id).toMatch(/[0-9a-f-]{36}/);
    for (const key of ['rs', 'hs'] as const) {
      const again = await call(
        '/api/auth/session',
        await fake.mint({ sub: owner.id, email: owner.email }, { key }),
      );
      expect(again.body.workspace.id, key).toBe(first.body.workspace.id);
    }
    const [row] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM workspaces WHERE owner_id = $1',
      [owner.id],
    );
    expect(row?.n).toBe(1);
    expect((await call('/api/admin/overview', es)).status).toBe(200);
    // Bearer-only requests carry no ambient credential, so no CSRF token is needed.
    const created = await call('/api/admin/knowledge', es, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Do you open on Sundays?', answer: 'No.' }),
    });
    expect(created.status).toBe(201);
  });

  it('rejects expired, wrong-audience, wrong-issuer, forged, unsigned and wrong-secret tokens with 401', async () => {
    const owner = await supabaseUser();
    const claims = { sub: owner.id, email: owner.email };
    const valid = await fake.mint(claims);
    expect((await call('/api/auth/session', valid)).body.user?.id).toBe(owner.id);
    const [h, p] = valid.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    const bad: Record<string, string> = {
      expired: await fake.mint(claims, { expiresIn: -120 }),
      'wrong audience': await fake.mint(claims, { audience: 'anon' }),
      'wrong issuer': await fake.mint(claims, { issuer: 'https://evil.example/auth/v1' }),
      'wrong signature': await fake.mint(claims, { key: 'foreign' }),
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`,
      'tampered payload': `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${valid.split('.')[2]}`,
      'anon role': await fake.mint({ ...claims, role: 'anon' }),
      'HS256 with another secret': await (async () => {
        const { SignJWT } = await import('jose');
        return new SignJWT({ role: 'authenticated', email: owner.email })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(owner.id)
          .setIssuer(`${fake.url}/auth/v1`)
          .setAudience('authenticated')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('not-the-project-secret-at-all'));
      })(),
    };
    for (const [name, token] of Object.entries(bad)) {
      const res = await call('/api/admin/overview', token);
      expect(res.status, name).toBe(401);
      expect(res.body.error.code, name).toBe('unauthorized');
      expect((await call('/api/auth/session', token)).body.user, name).toBeNull();
    }
    const logs = server.logs.join('');
    expect(logs).not.toContain(jwtSecret);
    expect(logs).not.toContain(valid);
  });
});
