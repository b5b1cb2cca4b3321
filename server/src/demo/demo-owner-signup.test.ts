/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';
import { ensureDemo } from './ensure-demo';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function signUp(server: TestServer, email: string) {
  const c = adminClient(server.url, { email, password: 'a long password' });
  await c.request('GET', '/api/auth/session');
  const res = await c.request('POST', '/api/auth/sign-up', { email, password: c.password });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the demo owner is not the first owner (CLARA_SIGNUP=invite)', () => {
  it('after `clara start` created the demo, the first real owner signs up freely, the next needs an invite', async () => {
    const server = await startTestServer({ env: { CLARA_SIGNUP: 'invite' } });
    servers.push(server);
    expect(await ensureDemo(server.runtime)).toMatchObject({ created: true });

    expect((await signUp(server, 'me@example.com')).status).toBe(201);
    const second = await signUp(server, 'someone-else@example.com');
    expect(second.status).toBe(403);
    expect(second.body.error.message).toMatch(/invitation/);
  });

  it('a demo owner created before the mark existed is marked on the next start', async () => {
    const server = await startTestServer({ env: { CLARA_SIGNUP: 'invite' } });
    servers.push(server);
    await ensureDemo(server.runtime);
    // As an older Clara left it: no mark.
    await server.db.query(
      "UPDATE auth.users SET raw_app_meta_data = '{}'::jsonb WHERE email = 'demo@brightside.example'",
    );
    expect(await ensureDemo(server.runtime)).toMatchObject({ created: false });
    expect((await signUp(server, 'me@example.com')).status).toBe(201);
    expect((await signUp(server, 'other@example.com')).status).toBe(403);
  });
});
