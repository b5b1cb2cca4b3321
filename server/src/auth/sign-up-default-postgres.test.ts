/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { startWireDatabase, type WireDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

// A self-hosted server on DATABASE_URL is public: by default only its first owner signs up
// freely, later ones need an invite (as the README's Quick start says), as in embedded mode.
let database: WireDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await startWireDatabase();
  server = await startTestServer({
    db: 'env',
    migrate: true,
    env: {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '1',
      CLARA_ENCRYPTION_KEY: '7e'.repeat(32),
      // '' = unset: the test server's own default (open) is left out, so Clara's default applies.
      CLARA_SIGNUP: '',
    },
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await database?.stop();
});

async function signUp(email: string) {
  const c = adminClient(server.url, { email, password: 'a long password' });
  await c.request('GET', '/api/auth/session');
  const res = await c.request('POST', '/api/auth/sign-up', { email, password: c.password });
  return { status: res.status, body: (await res.json()) as any };
}

describe('sign-up default with DATABASE_URL', () => {
  it('is invite: the first owner signs up, a second one without an invite is refused', async () => {
    const config = await fetch(`${server.url}/api/auth/config`).then((r) => r.json());
    expect(config).toEqual({ auth: 'embedded', signup: 'invite', signup_open: true });
    expect((await signUp('first@example.com')).status).toBe(201);
    const second = await signUp('second@example.com');
    expect(second.status).toBe(403);
    expect(second.body.error.code).toBe('forbidden');
  });
});
