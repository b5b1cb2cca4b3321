import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** One request with any method token (fetch refuses TRACE), its status, Allow header and body. */
function send(method: string, path: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('methods no route takes', () => {
  it.each([
    ['TRACE', '/api/chat'],
    ['PROPFIND', '/api/chat'],
    ['SEARCH', '/api/admin/knowledge'],
    ['LINK', '/api/auth/login'],
    ['PURGE', '/nowhere'],
  ])('%s %s is 405 in the error envelope, no error logged', async (method, path) => {
    const before = server.logs.length;
    const res = await send(method, path);
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'method_not_allowed', message: expect.stringContaining(method) },
    });
    const errors = server.logs.slice(before).filter((line) => JSON.parse(line).level >= 50);
    expect(errors).toEqual([]);
  });

  it('names the methods a known path takes in Allow', async () => {
    const trace = await send('TRACE', '/api/chat');
    expect(trace.allow).toBe('POST');
    const del = await send('DELETE', '/api/chat');
    expect(del.status).toBe(405);
    expect(del.allow).toBe('POST');
    expect(JSON.parse(del.body).error.code).toBe('method_not_allowed');
  });
});

describe('OPTIONS (attack pass)', () => {
  it.each([
    ['/api/admin/settings', ['GET', 'PATCH']],
    ['/api/auth/sign-in', ['POST']],
  ])('OPTIONS %s is 204 with Allow and no body, like the public API', async (path, methods) => {
    const res = await send('OPTIONS', path);
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    for (const method of methods) expect(res.allow?.split(/,\s*/)).toContain(method);
  });

  it('OPTIONS on the public API is 204 too (its CORS preflight)', async () => {
    const res = await send('OPTIONS', '/api/chat');
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
  });
});
