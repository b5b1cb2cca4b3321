/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A key's last Test is kept with it: the keys page marks a failed key 'Not working' from
// GET /api/admin/keys, so the mark survives a reload (it was page state only before).
const rawKey = 'sk-proj-LASTTEST-raw-key-0123456789-Qw3r';
let server: TestServer;
let openai: FakeProviderServer;
let owner: AdminClient;
let other: AdminClient;

beforeAll(async () => {
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL } });
  owner = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
});
afterAll(async () => {
  await server?.close();
  await openai?.close();
});

async function call(who: AdminClient, method: string, path: string, body?: unknown) {
  const res = await who.request(method, path, body);
  const text = await res.text();
  expect(text).not.toContain(rawKey);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const listed = async (who: AdminClient, id: string) =>
  (await call(who, 'GET', '/api/admin/keys')).body.keys.find((k: any) => k.id === id);

describe("a key's last test", () => {
  it('is kept with the key: a refused key stays marked not working, until a test passes', async () => {
    const added = await call(owner, 'POST', '/api/admin/keys', {
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: rawKey,
      make_default: false,
    });
    expect(added.status).toBe(201);
    const id = added.body.key.id as string;
    expect(added.body.key.last_test).toBeNull();
    expect((await listed(owner, id)).last_test).toBeNull();

    openai.script({ type: 'error', status: 401, echoKey: true });
    expect((await call(owner, 'POST', `/api/admin/keys/${id}/test`)).body.result.ok).toBe(false);
    // What a reload reads.
    const failed = (await listed(owner, id)).last_test;
    expect(failed).toMatchObject({ ok: false, code: 'auth', status: 401, provider_code: 'invalid_api_key' });
    expect(Date.now() - Date.parse(failed.tested_at)).toBeLessThan(60_000);

    // Another owner can neither see the key nor test (and so mark) it.
    expect((await call(other, 'GET', '/api/admin/keys')).body.keys).toEqual([]);
    expect((await call(other, 'POST', `/api/admin/keys/${id}/test`)).status).toBe(404);

    expect((await call(owner, 'POST', `/api/admin/keys/${id}/test`)).body.result.ok).toBe(true);
    const passed = (await listed(owner, id)).last_test;
    expect(passed).toMatchObject({ ok: true, code: null, status: null, provider_code: null });
    expect(Date.parse(passed.tested_at)).toBeGreaterThanOrEqual(Date.parse(failed.tested_at));
  }, 60_000);
});
