import { createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../test/admin/admin-client';
import { capturedBodies } from '../../test/resilience/chat-driver';
import { pairs } from '../../test/resilience/harness';
import { report } from '../../test/resilience/report';
import { startTestServer, type TestServer } from '../../test/test-server';

// Property: whatever arrives, the answer is a structured 4xx (or a 2xx), never a 5xx or a crash.
const numRuns = Number(process.env.CLARA_FUZZ_RUNS ?? '1000');
const seed = 20_261_125;
const signingSecret = 'fuzz-signing-secret-0123456789';
let server: TestServer;
let owner: AdminClient;
let workspaceId: string;
const counts: Record<string, number> = {};

beforeAll(async () => {
  // A Slack app is configured so good signatures reach the event parser (its Web API: nowhere).
  server = await startTestServer({
    env: {
      CLARA_CHAT_RATE_PER_IP: '100000',
      CLARA_CHAT_RATE_PER_SESSION: '100000',
      LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-fuzz-token',
      SLACK_WORKSPACE_ID: randomUUID(),
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    },
  });
  owner = await signUpOwner(server.url);
  workspaceId = owner.workspaceId;
  await server.addPairs(workspaceId, pairs);
}, 180_000);
afterAll(async () => {
  report('fuzz', { seed, cases: counts });
  await server?.close();
});

interface Sent {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

async function send(s: Sent, as?: AdminClient) {
  const res = as
    ? await as.request(s.method, s.path, s.body, s.headers)
    : await fetch(`${server.url}${s.path}`, { method: s.method, body: s.body, headers: s.headers });
  const text = await res.text();
  capturedBodies.push(text);
  return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
}

/** Checks the response property; fast-check shrinks a failing input to a minimal one. */
function wellBehaved(r: { status: number; text: string; type: string }): boolean {
  if (r.status >= 500) return false;
  if (r.status >= 400 && r.type.includes('json')) {
    const body = JSON.parse(r.text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
  }
  return r.status < 400 || r.status === 401 || r.status === 403;
}

async function property(name: string, arb: fc.Arbitrary<Sent>, as?: (s: Sent) => AdminClient) {
  counts[name] = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (s) => {
      counts[name] = (counts[name] ?? 0) + 1;
      const r = await send(s, as?.(s));
      if (!wellBehaved(r)) throw new Error(`${s.method} ${s.path} → ${r.status} ${r.text.slice(0, 200)}`);
    }),
    { numRuns, seed, endOnFailure: false },
  );
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","x")',
    '<script>alert(1)</script>',
    '\u0000',
    '%',
    '../..',
    '"',
    '',
  ),
  fc.string({ minLength: 2_001, maxLength: 3_000 }),
);
const uuidish = fc.oneof(fc.uuid(), hostileString, fc.constant(undefined as unknown as string));
const json = (v: unknown) => JSON.stringify(v);
const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };

const chatBody = fc.oneof(
  fc
    .record(
      {
        workspace_id: fc.oneof(fc.constant('WS'), uuidish),
        session_token: uuidish,
        message_id: uuidish,
        message: fc.oneof(hostileString, fc.jsonValue()),
        visitor: fc.oneof(fc.jsonValue(), fc.record({ name: hostileString, email: hostileString })),
      },
      { requiredKeys: [] },
    )
    .map(json),
  fc.jsonValue().map(json),
  hostileString,
);

describe('hostile input: zero 5xx, a structured 4xx each time', () => {
  it('POST /api/chat', async () => {
    await property(
      'POST /api/chat',
      fc
        .record({
          body: chatBody.map((b) => b.replace('"WS"', `"${workspaceId}"`)),
          accept: fc.constantFrom('application/json', 'text/event-stream', 'text/html', '*/*', ''),
          type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        })
        .map((r) => ({
          method: 'POST',
          path: '/api/chat',
          body: r.body,
          headers: { accept: r.accept, 'content-type': r.type },
        })),
    );
  }, 600_000);

  it('GET /api/chat/history and /api/widget/:id/config', async () => {
    await property(
      'history + config',
      fc.tuple(fc.boolean(), uuidish, uuidish).map(([history, a, b]) => ({
        method: 'GET',
        path: history
          ? `/api/chat/history?workspace_id=${encodeURIComponent(String(a))}&session_token=${encodeURIComponent(String(b))}`
          : `/api/widget/${encodeURIComponent(String(a)) || workspaceId}/config`,
      })),
    );
  }, 600_000);

  it('POST /slack/events (bad and good signatures) and /teams/messages', async () => {
    const now = () => String(Math.floor(Date.now() / 1000));
    await property(
      'slack + teams',
      fc
        .tuple(
          fc.constantFrom('slack-bad', 'slack-good', 'teams'),
          fc.oneof(fc.jsonValue().map(json), hostileString),
        )
        .map(([kind, body]) => {
          if (kind === 'teams')
            return { method: 'POST', path: '/teams/messages', body, headers: jsonHeaders };
          const ts = now();
          const sig = createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex');
          return {
            method: 'POST',
            path: '/slack/events',
            body,
            headers: {
              'content-type': 'application/json',
              'x-slack-request-timestamp': ts,
              'x-slack-signature': kind === 'slack-good' ? `v0=${sig}` : `v0=${sig.slice(1)}0`,
            },
          };
        }),
    );
  }, 600_000);

  it('CSV import (broken quoting, huge cells, formula injection)', async () => {
    const cell = fc.oneof(
      hostileString,
      fc.constantFrom('"unterminated', 'a""b', '=HYPERLINK("x")', '+1', '-1', '@SUM(A1)'),
    );
    const csv = fc.oneof(
      fc
        .array(fc.array(cell, { maxLength: 4 }), { maxLength: 5 })
        .map((rows) => ['question,answer,category', ...rows.map((r) => r.join(','))].join('\n')),
      hostileString,
    );
    await property(
      'CSV import',
      fc.tuple(csv, fc.boolean()).map(([body, preview]) => ({
        method: 'POST',
        path: preview ? '/api/admin/knowledge/import/preview' : '/api/admin/knowledge/import',
        body,
        headers: { 'content-type': 'text/csv' },
      })),
      () => owner,
    );
  }, 600_000);

  it('every admin route, with and without a session', async () => {
    const routes = [
      ['GET', '/api/admin/knowledge?'],
      ['GET', '/api/admin/knowledge/'],
      ['PATCH', '/api/admin/knowledge/'],
      ['DELETE', '/api/admin/knowledge/'],
      ['POST', '/api/admin/knowledge/:id/restore'],
      ['POST', '/api/admin/knowledge'],
      ['POST', '/api/admin/knowledge/bulk'],
      ['POST', '/api/admin/knowledge/check-duplicate'],
      ['GET', '/api/admin/knowledge/import/'],
      ['DELETE', '/api/admin/knowledge/import-batches/'],
      ['GET', '/api/admin/gaps?'],
      ['POST', '/api/admin/gaps/:id/dismiss'],
      ['POST', '/api/admin/gaps/:id/link'],
      ['POST', '/api/admin/gaps/:id/resolve'],
      ['GET', '/api/admin/conversations?'],
      ['GET', '/api/admin/conversations/'],
      ['GET', '/api/admin/settings'],
      ['PATCH', '/api/admin/settings'],
      ['PUT', '/api/admin/settings/assets/'],
      ['GET', '/api/admin/overview?'],
      ['GET', '/api/admin/workspace'],
      ['GET', '/api/admin/keys'],
      ['POST', '/api/admin/keys'],
      ['POST', '/api/admin/keys/:id/default'],
      ['POST', '/api/admin/keys/:id/activate'],
      ['POST', '/api/admin/keys/:id/deactivate'],
      ['DELETE', '/api/admin/keys/'],
      ['POST', '/api/admin/keys/:id/test'],
      ['GET', '/api/admin/channels'],
      ['POST', '/api/admin/channels/slack'],
      ['POST', '/api/admin/channels/teams'],
      ['POST', '/api/admin/channels/:id/activate'],
      ['POST', '/api/admin/channels/:id/deactivate'],
      ['DELETE', '/api/admin/channels/'],
      ['POST', '/api/admin/transcripts/extract'],
      ['POST', '/api/admin/transcripts/pairs'],
      ['POST', '/api/auth/sign-in'],
      ['POST', '/api/auth/sign-up'],
    ] as const;
    const anonymous = adminClient(server.url, { email: 'x@example.com', password: 'x' });
    await property(
      'admin routes',
      fc
        .tuple(
          fc.constantFrom(...routes),
          uuidish,
          fc.oneof(fc.jsonValue().map(json), hostileString),
          fc.boolean(),
        )
        .map(([[method, path], id, body, signedIn]) => ({
          method,
          path: path.includes(':id')
            ? path.replace(':id', encodeURIComponent(String(id)))
            : path.endsWith('?')
              ? `${path}q=${encodeURIComponent(String(id))}&limit=${encodeURIComponent(String(id))}`
              : path.endsWith('/')
                ? `${path}${encodeURIComponent(String(id))}`
                : path,
          body: method === 'GET' ? undefined : body,
          headers: { 'content-type': 'application/json', 'x-fuzz-session': signedIn ? 'owner' : 'none' },
        })),
      // Half the cases signed in as the owner, half without a session.
      (s) => (s.headers?.['x-fuzz-session'] === 'owner' ? owner : anonymous),
    );
  }, 600_000);
});

describe('regressions found by the fuzzer', () => {
  it('NUL in a query parameter or a chat message is a 4xx, not a 500', async () => {
    const list = await owner.request('GET', '/api/admin/knowledge?q=%00&limit=%00');
    expect(list.status).toBeLessThan(500);
    const chat = await send({
      method: 'POST',
      path: '/api/chat',
      headers: jsonHeaders,
      body: json({
        workspace_id: workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: 'a\u0000b',
        visitor: { name: '\u0000' },
      }),
    });
    expect(chat.status, chat.text).toBeLessThan(500);
    expect(wellBehaved(chat)).toBe(true);
  });
});
