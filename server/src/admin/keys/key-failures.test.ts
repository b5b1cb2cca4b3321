/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A key that cannot work: the provider unreachable (no network) or refusing it (401). The key's
// Test and GET /api/admin/embeddings (what the keys page reads) say which, never the key.
const rawKey = 'sk-proj-FAILING-raw-key-0123456789-Zq7w';
const servers: TestServer[] = [];
let openai: FakeProviderServer;

beforeAll(async () => {
  openai = await startFakeOpenAi();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await openai?.close();
});

async function ownerWithKey(baseURL: string) {
  const server = await startTestServer({ env: { OPENAI_BASE_URL: baseURL } });
  servers.push(server);
  const owner: AdminClient = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'What are your opening hours?', answer: 'We open at 9.', category: 'general' },
    { question: 'Do you offer gift cards?', answer: 'Yes, from $10.', category: 'general' },
  ]);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await owner.request(method, path, body);
    const text = await res.text();
    expect(text).not.toContain(rawKey);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const added = await call('POST', '/api/admin/keys', {
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: rawKey,
    make_default: true,
  });
  expect(added.status).toBe(201);
  return { server, owner, call, keyId: added.body.key.id as string };
}

describe('a key that does not work', () => {
  it('no network (a closed port): Test says unreachable (no status), the embeddings API reports the pause', async () => {
    const closed = await startFakeOpenAi();
    await closed.close();
    const { server, owner, call, keyId } = await ownerWithKey(closed.baseURL);

    const tested = await call('POST', `/api/admin/keys/${keyId}/test`);
    expect(tested.body.result).toEqual({
      ok: false,
      provider: 'openai',
      model: 'gpt-4o-mini',
      code: 'unreachable',
      status: null,
      provider_code: null,
    });
    const line = server.logs.find((l) => l.includes('api key test failed'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ code: 'unreachable', status: null, key_id: keyId });

    await server.runtime.vectors.sweep();
    const status = (await call('GET', '/api/admin/embeddings')).body;
    expect(status.openai).toMatchObject({
      complete: false,
      embedded: 0,
      total: 2,
      paused: { code: 'unreachable', status: null, provider_code: null, failures: 1 },
    });
    expect(Date.parse(status.openai.paused.retry_at)).toBeGreaterThan(Date.now());
    // Another owner's page shows nothing of it.
    const other = await signUpOwner(server.url);
    expect(((await (await other.request('GET', '/api/admin/embeddings')).json()) as any).openai).toBeNull();
    expect(owner.workspaceId).not.toBe(other.workspaceId);
    expect(server.logs.join('')).not.toContain(rawKey);
  }, 60_000);

  it('refused (the fake answers 401 invalid_api_key): Test has the status and code; the pause too, cleared by a key change', async () => {
    const { server, call, keyId } = await ownerWithKey(openai.baseURL);
    openai.script({ type: 'error', status: 401, echoKey: true });
    expect((await call('POST', `/api/admin/keys/${keyId}/test`)).body.result).toMatchObject({
      ok: false,
      code: 'auth',
      status: 401,
      provider_code: 'invalid_api_key',
    });

    openai.scriptRoutes({ type: 'error', status: 401 });
    const before = openai.requests.length;
    await server.runtime.vectors.sweep();
    // Backing off: the next sweeps send nothing.
    await server.runtime.vectors.sweep();
    await server.runtime.vectors.sweep();
    expect(openai.requests.length - before).toBe(1);
    expect((await call('GET', '/api/admin/embeddings')).body.openai.paused).toMatchObject({
      code: 'auth',
      status: 401,
      provider_code: 'invalid_api_key',
      failures: 1,
    });

    // The owner deactivates and reactivates the key (a key change): the pause is gone, the next sweep embeds.
    await call('POST', `/api/admin/keys/${keyId}/deactivate`);
    await call('POST', `/api/admin/keys/${keyId}/activate`);
    await call('POST', `/api/admin/keys/${keyId}/default`);
    expect((await call('GET', '/api/admin/embeddings')).body.openai.paused).toBeUndefined();
    await server.runtime.vectors.sweep();
    expect((await call('GET', '/api/admin/embeddings')).body.openai).toMatchObject({ complete: true });
  }, 60_000);
});
