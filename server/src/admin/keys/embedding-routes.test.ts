import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { keysCommand } from '../../cli/keys-command';

let server: TestServer;
let openai: FakeProviderServer;
let a: AdminClient;
let b: AdminClient;

async function progressOf(client: AdminClient) {
  const res = await client.request('GET', '/api/admin/embeddings');
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL } });
  a = await signUpOwner(server.url);
  b = await signUpOwner(server.url);
  for (const owner of [a, b]) {
    await server.addPairs(owner.workspaceId, [
      { question: 'What are your opening hours?', answer: 'We open at 9.', category: 'general' },
      { question: 'Do you offer gift cards?', answer: 'Yes, from $10.', category: 'general' },
    ]);
  }
  await keysCommand(server.runtime, 'add', {
    workspace: a.workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-admin-embeddings-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await openai?.close();
});

describe('GET /api/admin/embeddings', () => {
  it('shows the switch to OpenAI embeddings in progress, then done; the built-in embedder without an OpenAI key', async () => {
    expect(await progressOf(a)).toEqual({
      status: 200,
      body: {
        searched_with: 'clara-local-v3',
        openai: { embedder: null, total: 2, embedded: 0, complete: false },
      },
    });
    await server.runtime.vectors.sync(a.workspaceId);
    expect((await progressOf(a)).body).toEqual({
      searched_with: 'openai:text-embedding-3-small@1536',
      openai: { embedder: 'openai:text-embedding-3-small@1536', total: 2, embedded: 2, complete: true },
    });
    expect((await progressOf(b)).body).toEqual({ searched_with: 'clara-local-v3', openai: null });
  });

  it('needs the owner’s session', async () => {
    const res = await fetch(`${server.url}/api/admin/embeddings`);
    expect(res.status).toBe(401);
  });
});

describe('a key change in the admin', () => {
  it('switches the workspace’s embedder at once, and the owner can turn augmentation on in the settings', async () => {
    const added = await b.request('POST', '/api/admin/keys', {
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-admin-embeddings-b-0123456789',
      make_default: true,
    });
    expect(added.status).toBe(201);
    expect((await progressOf(b)).body).toMatchObject({
      searched_with: 'clara-local-v3',
      openai: { total: 2 },
    });
    const patched = await b.request('PATCH', '/api/admin/settings', {
      settings: { augment_questions: true },
    });
    expect(patched.status).toBe(200);
    expect((await server.runtime.store.getWorkspace(b.workspaceId))?.settings.augment_questions).toBe(true);
  });
});
