/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let workspaceId = '';
beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId } = await server.createWorkspace());
});
afterAll(() => server.close());

/** A raw JSON body: `\ud800` and `\u0000` stay JSON escapes, as an attacker would send them. */
const chat = (messageJson: string, visitorJson = '') =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"workspace_id":"${workspaceId}","session_token":"${randomUUID()}","message_id":"${randomUUID()}","message":${messageJson}${visitorJson}}`,
  });

describe('text Postgres cannot store is a 400, never a 500 (issue 18 #9)', () => {
  it('a lone surrogate or a NUL in a chat message or visitor name', async () => {
    for (const [message, visitor] of [
      ['"hello \\ud800"', ''],
      ['"\\udc00 there"', ''],
      ['"nul \\u0000 byte"', ''],
      ['"fine"', ',"visitor":{"name":"Ann \\ud83d"}'],
    ] as const) {
      const res = await chat(message, visitor);
      expect(res.status, message + visitor).toBe(400);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toMatch(/cannot be stored/);
    }
    // A proper surrogate pair (an emoji) is fine.
    expect((await chat('"Do you sell \\ud83d\\udeb2 bikes?"')).status).toBe(200);
    expect(server.logs.join('')).not.toMatch(/"level":50/);
  });

  it('a CSV row with a NUL is reported by the preview and skipped by the import, not a failed import', async () => {
    const owner = await signUpOwner(server.url);
    const csv =
      'question,answer\nDo you ship abroad?,Yes.\n"Bad\u0000row question?",No.\nDo you sell helmets?,Yes.\n';
    const preview = await owner.request('POST', '/api/admin/knowledge/import/preview', csv, {
      'content-type': 'text/csv',
    });
    expect(preview.status).toBe(200);
    const plan = (await preview.json()) as any;
    expect(plan.valid).toBe(2);
    expect(plan.errors).toEqual([{ row: 3, message: expect.stringMatching(/cannot be stored/) }]);
    const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
      'content-type': 'text/csv',
    });
    let { job } = (await started.json()) as any;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
    }
    expect(job).toMatchObject({ status: 'done', result: { imported: 2, skipped: 1 } });
  });
});

describe('history and feedback are rate-limited per IP like chat (issue 18 #9)', () => {
  it('answers 429 with Retry-After past four times the chat per-IP rate', async () => {
    const limited = await startTestServer({ env: { CLARA_CHAT_RATE_PER_IP: '5' } });
    try {
      const { workspaceId: ws } = await limited.createWorkspace();
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 24; i++) {
        const res = await fetch(
          `${limited.url}/api/chat/history?workspace_id=${ws}&session_token=${randomUUID()}`,
        );
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(((await res.json()) as any).error.code).toBe('rate_limited');
        } else await res.text();
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      const feedback = await fetch(`${limited.url}/api/chat/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          workspace_id: ws,
          session_token: randomUUID(),
          message_id: randomUUID(),
          rating: 'up',
        }),
      });
      expect(feedback.status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('a client that goes away mid-request (issue 18 #9)', () => {
  it('is logged at info without a stack, not as an internal error', async () => {
    const { connect } = await import('node:net');
    const { port } = new URL(server.url);
    const before = server.logs.length;
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"workspace_id":',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    await new Promise((r) => setTimeout(r, 500));
    const lines = server.logs.slice(before).join('');
    expect(lines).toContain('client went away');
    expect(lines).not.toMatch(/"level":50/);
    expect(lines).not.toContain('"stack"');
  });
});
