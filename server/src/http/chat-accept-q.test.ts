import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let workspaceId: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId } = await server.createWorkspace());
});
afterAll(() => server.close());

/** POST /api/chat with this Accept header: the status and the reply's Content-Type. */
async function chatWith(accept: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: 'Hi?',
    }),
  });
  await res.text();
  return { status: res.status, type: res.headers.get('content-type')?.split(';')[0] };
}

describe('POST /api/chat honours the q-values of Accept (attack pass)', () => {
  it.each([
    ['text/event-stream;q=0.1, application/json;q=0.9', 'application/json'],
    ['application/json;q=0.2, text/event-stream', 'text/event-stream'],
    ['text/event-stream;q=0, */*', 'application/json'],
    ['*/*;q=0.5, text/event-stream', 'text/event-stream'],
    ['text/event-stream, application/json', 'text/event-stream'],
    ['application/json, text/event-stream', 'application/json'],
    ['*/*', 'application/json'],
  ])('Accept: %s → %s', async (accept, type) => {
    expect(await chatWith(accept)).toEqual({ status: 200, type });
  });

  it('neither acceptable (q=0) is 406', async () => {
    const res = await chatWith('application/json;q=0, text/event-stream;q=0');
    expect(res.status).toBe(406);
  });
});
