import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

async function refused(method: string, path: string, body?: unknown): Promise<string> {
  const res = await owner.json(method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  return res.body.error.message;
}

describe('admin 400s word zod problems for people (one sentence per field)', () => {
  it('out of range: the schema bound, once, never the safe-integer bound', async () => {
    expect(await refused('GET', '/api/admin/knowledge?page=99999999999999999999')).toBe(
      'page must be at most 100000.',
    );
    expect(await refused('GET', '/api/admin/conversations?page_size=0')).toBe(
      'page_size must be at least 1.',
    );
  });

  it('wrong type: what the field takes, never NaN', async () => {
    expect(await refused('GET', '/api/admin/conversations?page=abc')).toBe('page must be a number.');
    expect(await refused('POST', '/api/admin/transcripts/extract', { transcript: 42 })).toBe(
      'transcript must be text.',
    );
  });

  it('missing: "is required", never "received undefined"', async () => {
    expect(await refused('POST', '/api/admin/transcripts/extract', { text: 'Anna: hi' })).toBe(
      'transcript is required.',
    );
    const message = await refused('POST', '/api/admin/transcripts/pairs', {
      pairs: [{ question: 'Do you deliver?', answer: 'Yes, within the city.' }],
    });
    expect(message).toBe('extraction is required.');
  });

  it("a schema's own message is kept after its field", async () => {
    expect(await refused('POST', '/api/admin/transcripts/extract', { transcript: '   ' })).toBe(
      'transcript: transcript is empty.',
    );
  });
});
