import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let port: number;

beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

/** Writes raw bytes on a new connection and reads everything until the server closes it. */
function raw(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error('the server did not close the connection')));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(text.split(' ')[1]),
        headers: text.slice(0, end).toLowerCase(),
        body: text.slice(end + 4),
      });
      socket.destroy();
    });
  });
}

describe('requests refused by the HTTP parser', () => {
  it('an unknown method token is 400 with the JSON error envelope, and the connection closes', async () => {
    const res = await raw('FOO /api/chat HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers).toContain('content-type: application/json');
    expect(res.headers).toContain('connection: close');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });

  it('a request line or headers over 16 KB is 431 with the JSON error envelope', async () => {
    const res = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toContain('content-type: application/json');
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'bad_request', message: 'The request line or headers are too large.' },
    });
    const long = await raw(`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long.status).toBe(431);
    expect(JSON.parse(long.body).error.code).toBe('bad_request');
  });

  it('a broken request line is 400 with the envelope, and the server goes on answering', async () => {
    const res = await raw('this is not http\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('bad_request');
    expect((await fetch(`${server.url}/api/chat`, { method: 'DELETE' })).status).toBe(405);
  });
});
