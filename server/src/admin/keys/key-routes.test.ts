/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

const rawKey = 'sk-proj-ADMIN-raw-key-0123456789-Zq7w';
const otherRaw = 'sk-ant-ADMIN-second-key-4455-Kp2x';
const fakeReply = 'Our shop opens at nine every weekday.';
/** Not in the knowledge base: answered by the model when there is one (a gap turn), extractively otherwise. */
const gapQuestion = 'Do you sell gift cards for birthdays?';
let server: TestServer;
let openai: FakeProviderServer;
let a: AdminClient;
let b: AdminClient;
/** Every response body the owners saw, grepped for key material at the end. */
const bodies: string[] = [];

/** A chat turn whose body joins the leak scan. */
async function chat(workspaceId: string, message: string) {
  const reply = await server.ask(workspaceId, message);
  bodies.push(reply.text);
  return reply.message as any;
}

async function call(client: AdminClient, method: string, path: string, body?: unknown) {
  const res = await client.request(method, path, body);
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  openai = await startFakeOpenAi(fakeReply);
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL, CLARA_LLM_TIMEOUT_MS: '3000' } });
  a = await signUpOwner(server.url);
  b = await signUpOwner(server.url);
  await server.addPairs(a.workspaceId, [
    {
      question: 'What are your opening hours?',
      answer: 'We open at 9, Monday to Friday.',
      category: 'general',
    },
  ]);
});
afterAll(async () => {
  await server?.close();
  await openai?.close();
});

describe('/api/admin/keys', () => {
  let keyId = '';

  it('lists no keys and the seed’s models', async () => {
    const res = await call(a, 'GET', '/api/admin/keys');
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([]);
    expect(res.body.models.map((m: any) => m.model)).toEqual([
      'claude-sonnet-4-20250514',
      'claude-haiku-4-5-20251001',
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
    ]);
  });

  it('adds a default key; the very next chat turn uses it (model cache invalidated)', async () => {
    // A turn without a key caches "no model" for this workspace.
    const before = openai.requests.length;
    await chat(a.workspaceId, gapQuestion);
    expect(openai.requests.length).toBe(before);

    const res = await call(a, 'POST', '/api/admin/keys', {
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: `  ${rawKey}  `,
      label: 'Production',
      make_default: true,
    });
    expect(res.status).toBe(201);
    keyId = res.body.key.id;
    expect(res.body.key).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      label: 'Production',
      key_last4: 'Zq7w',
      is_default: true,
      is_active: true,
    });
    expect(Object.keys(res.body.key)).not.toContain('encrypted_key');
    const [row] = await server.db.query<{ encrypted_key: string }>(
      'SELECT encrypted_key FROM api_keys WHERE id = $1',
      [keyId],
    );
    expect(row?.encrypted_key).toMatch(/^[0-9a-f]{24}:[0-9a-f]{32}:[0-9a-f]+$/);

    const reply = await chat(a.workspaceId, gapQuestion);
    expect(openai.requests.length).toBe(before + 1);
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${rawKey}`);
    expect(reply.content).toBe(fakeReply);
  });

  it('deactivating the key takes effect at once; activating and set-default bring it back', async () => {
    const off = await call(a, 'POST', `/api/admin/keys/${keyId}/deactivate`);
    expect(off.body.key).toMatchObject({ is_active: false, is_default: false });
    const before = openai.requests.length;
    await chat(a.workspaceId, gapQuestion);
    expect(openai.requests.length).toBe(before);

    expect((await call(a, 'POST', `/api/admin/keys/${keyId}/default`)).status).toBe(409);
    expect((await call(a, 'POST', `/api/admin/keys/${keyId}/activate`)).body.key.is_active).toBe(true);
    expect((await call(a, 'POST', `/api/admin/keys/${keyId}/default`)).body.key.is_default).toBe(true);
    expect((await chat(a.workspaceId, gapQuestion)).content).toBe(fakeReply);
  });

  it('a second default key replaces the first as default', async () => {
    const res = await call(a, 'POST', '/api/admin/keys', {
      provider: 'anthropic',
      model: 'claude-haiku-4-5-20251001',
      key: otherRaw,
      make_default: true,
    });
    expect(res.status).toBe(201);
    const list = (await call(a, 'GET', '/api/admin/keys')).body.keys;
    expect(list.map((k: any) => [k.key_last4, k.is_default])).toEqual([
      ['Kp2x', true],
      ['Zq7w', false],
    ]);
    expect((await call(a, 'DELETE', `/api/admin/keys/${res.body.key.id}`)).body.deleted).toBe(
      res.body.key.id,
    );
    expect((await call(a, 'GET', '/api/admin/keys')).body.keys).toHaveLength(1);
    await call(a, 'POST', `/api/admin/keys/${keyId}/default`);
  });

  it('tests a key through the real SDK: ok, or the provider’s error code without the key', async () => {
    const ok = await call(a, 'POST', `/api/admin/keys/${keyId}/test`);
    expect(ok.body.result).toMatchObject({ ok: true, provider: 'openai', model: 'gpt-4o-mini' });
    expect(openai.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 5 });

    openai.script({ type: 'error', status: 401, echoKey: true });
    const bad = await call(a, 'POST', `/api/admin/keys/${keyId}/test`);
    expect(bad.status).toBe(200);
    expect(bad.body.result).toMatchObject({
      ok: false,
      code: 'auth',
      status: 401,
      provider_code: 'invalid_api_key',
    });

    openai.script({ type: 'error', status: 429, retryAfter: '1' });
    expect((await call(a, 'POST', `/api/admin/keys/${keyId}/test`)).body.result).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
  });

  it('rejects bad input with 400, never echoing the key', async () => {
    const cases = [
      { provider: 'openai', model: 'gpt-3.5-turbo', key: rawKey },
      { provider: 'anthropic', model: 'gpt-4o', key: rawKey },
      { provider: 'mistral', model: 'large', key: rawKey },
      { provider: 'openai', model: 'gpt-4o', key: '   ' },
      { provider: 'openai', model: 'gpt-4o', key: `${rawKey} extra` },
      { provider: 'openai', model: 'gpt-4o' },
    ];
    for (const body of cases) {
      const res = await call(a, 'POST', '/api/admin/keys', body);
      expect(res.status, JSON.stringify(body.model)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await call(a, 'POST', '/api/admin/keys', 'not json')).status).toBe(415);
    expect((await call(a, 'POST', '/api/admin/keys/not-a-uuid/default')).status).toBe(404);
  });

  it('needs the CSRF header and a session', async () => {
    const res = await a.request(
      'POST',
      '/api/admin/keys',
      { provider: 'openai', model: 'gpt-4o', key: rawKey },
      { 'x-csrf-token': '' },
    );
    expect(res.status).toBe(403);
    expect(
      (await a.request('DELETE', `/api/admin/keys/${keyId}`, undefined, { 'x-csrf-token': 'wrong' })).status,
    ).toBe(403);
    expect((await fetch(`${server.url}/api/admin/keys`)).status).toBe(401);
    expect((await call(a, 'GET', '/api/admin/keys')).body.keys).toHaveLength(1);
  });

  it("owner B can neither see nor change nor test A's keys", async () => {
    const snapshot = () =>
      server.db
        .query('SELECT * FROM api_keys WHERE workspace_id = $1 ORDER BY id', [a.workspaceId])
        .then(JSON.stringify);
    const before = await snapshot();
    expect((await call(b, 'GET', '/api/admin/keys')).body.keys).toEqual([]);
    for (const [method, path] of [
      ['POST', `/api/admin/keys/${keyId}/default`],
      ['POST', `/api/admin/keys/${keyId}/activate`],
      ['POST', `/api/admin/keys/${keyId}/deactivate`],
      ['POST', `/api/admin/keys/${keyId}/test`],
      ['DELETE', `/api/admin/keys/${keyId}`],
    ] as const) {
      const res = await call(b, method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await snapshot()).toBe(before);
  });

  it('no response body and no log line holds the raw or the encrypted key', async () => {
    const sealed = await server.db.query<{ encrypted_key: string }>('SELECT encrypted_key FROM api_keys');
    const everything = [...bodies, ...server.logs].join('\n');
    for (const secret of [rawKey, otherRaw, ...sealed.map((r) => r.encrypted_key)]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(0, 16));
    }
    expect(everything).not.toContain('encrypted_key');
  });
});
