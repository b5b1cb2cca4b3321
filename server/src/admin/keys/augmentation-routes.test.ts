import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { estimateAugmentation } from '../../knowledge/augment-pairs';

const pairs = [
  { question: 'What are your opening hours?', answer: 'We open at 9.', category: 'general' },
  { question: 'Do you offer gift cards?', answer: 'Yes, from $10.', category: 'general' },
];
let server: TestServer;
let a: AdminClient;
let b: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  a = await signUpOwner(server.url);
  b = await signUpOwner(server.url);
  await server.addPairs(a.workspaceId, pairs);
  await server.addPairs(b.workspaceId, pairs.slice(0, 1));
});

afterAll(async () => {
  await server?.close();
});

describe('GET /api/admin/augmentation', () => {
  it('has no model and no estimate without a default key', async () => {
    expect(await a.json('GET', '/api/admin/augmentation')).toEqual({
      status: 200,
      body: { enabled: false, model: null, estimate: null },
    });
  });

  it('estimates the pairs without phrasings at the default key’s model, as `clara augment` does; the toggle is the settings PATCH', async () => {
    const added = await a.request('POST', '/api/admin/keys', {
      provider: 'anthropic',
      model: 'claude-haiku-4-5-20251001',
      key: 'sk-ant-test-augmentation-0123456789',
      make_default: true,
    });
    expect(added.status).toBe(201);
    const { body } = await a.json('GET', '/api/admin/augmentation');
    expect(body).toEqual({
      enabled: false,
      model: { provider: 'anthropic', model: 'claude-haiku-4-5-20251001' },
      estimate: estimateAugmentation(pairs, 'claude-haiku-4-5-20251001'),
    });
    expect(body.estimate).toMatchObject({ pairs: 2, calls: 2 });
    expect(body.estimate.usd).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain('sk-ant');

    expect(
      (await a.json('PATCH', '/api/admin/settings', { settings: { augment_questions: true } })).status,
    ).toBe(200);
    expect((await a.json('GET', '/api/admin/augmentation')).body.enabled).toBe(true);
    // Another owner sees only their own workspace.
    expect((await b.json('GET', '/api/admin/augmentation')).body).toEqual({
      enabled: false,
      model: null,
      estimate: null,
    });
  });

  it('needs the owner’s session', async () => {
    expect((await fetch(`${server.url}/api/admin/augmentation`)).status).toBe(401);
  });
});
