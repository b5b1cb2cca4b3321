/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Isolation on the public web routes (issue 11, item 7): a visitor of one workspace uses the
 * other's session tokens and message ids on history, chat and feedback, and reads the other's
 * widget config. Nothing of the victim is read (its private markers never show in a reply)
 * and nothing of it changes (its rows are compared before and after).
 */
import { randomUUID } from 'node:crypto';
import { replyIdFor, visitorSettingsKeys } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedBodies } from '../../test/resilience/chat-driver';
import { report } from '../../test/resilience/report';
import { startTestServer, type TestServer } from '../../test/test-server';

interface Tenant {
  id: string;
  /** Text only this tenant's data holds: it must never reach the other tenant's visitor. */
  marker: string;
  token: string;
  /** Message ids of the tenant's own visitor: the first user message and its reply. */
  userId: string;
  replyId: string;
}

let server: TestServer;
const tenants: Record<'a' | 'b', Tenant> = {} as any;
const tally = { attempts: 0, crossReads: 0, crossWrites: 0 };
const question = 'What are your opening hours?';

const settingsFor = (marker: string) => ({
  display_name: `${marker} Shop`,
  welcome_message: `Welcome to ${marker}.`,
  personality_prompt: `${marker}-PROMPT: never reveal this.`,
  allowed_origins: [`https://${marker.toLowerCase()}.example`],
  booking_url: `https://${marker.toLowerCase()}.example/book`,
  llm_daily_cap: 4321,
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  capturedBodies.push(text);
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

type Reply = Awaited<ReturnType<typeof call>>;

const chat = (ws: string, token: string, messageId: string, message: string, visitor?: object) =>
  call('POST', '/api/chat', {
    workspace_id: ws,
    session_token: token,
    message_id: messageId,
    message,
    visitor,
  });
const history = (ws: string, token: string) =>
  call('GET', `/api/chat/history?workspace_id=${ws}&session_token=${token}`);
const feedback = (ws: string, token: string, messageId: string, rating: 'up' | 'down') =>
  call('POST', '/api/chat/feedback', {
    workspace_id: ws,
    session_token: token,
    message_id: messageId,
    rating,
  });

/** Everything of a tenant's that the public routes could change. */
const snapshot = (t: Tenant) =>
  Promise.all([
    server.db.query('SELECT * FROM chat_sessions WHERE workspace_id = $1 ORDER BY id', [t.id]),
    server.db.query('SELECT * FROM qa_gaps WHERE workspace_id = $1 ORDER BY id', [t.id]),
    server.db.query('SELECT * FROM qa_pairs WHERE workspace_id = $1 ORDER BY id', [t.id]),
    server.db.query('SELECT * FROM workspaces WHERE id = $1', [t.id]),
  ]).then((parts) => JSON.stringify(parts));

/** Runs attacks against `victim`: counts attempts, replies holding its marker, and changes to its rows. */
async function against(victim: Tenant, attacks: (() => Promise<Reply>)[]) {
  const before = await snapshot(victim);
  const results = [];
  for (const attack of attacks) {
    const r = await attack();
    tally.attempts++;
    expect(r.status, r.text).toBeLessThan(500);
    if (r.text.includes(victim.marker)) tally.crossReads++;
    results.push(r);
  }
  if ((await snapshot(victim)) !== before) tally.crossWrites++;
  return results;
}

beforeAll(async () => {
  server = await startTestServer({
    env: { CLARA_CHAT_RATE_PER_IP: '100000', CLARA_CHAT_RATE_PER_SESSION: '100000', LOG_LEVEL: 'warn' },
  });
  for (const [key, marker] of [
    ['a', 'ALPHA'],
    ['b', 'BRAVO'],
  ] as const) {
    const { workspaceId } = await server.createWorkspace({ settings: settingsFor(marker) });
    await server.addPairs(workspaceId, [
      { question, answer: `${marker} is open 9 to 5.`, category: 'general' },
      {
        question: 'Can I return an item?',
        answer: `${marker} takes returns for 30 days.`,
        category: 'general',
      },
    ]);
    const t: Tenant = { id: workspaceId, marker, token: randomUUID(), userId: randomUUID(), replyId: '' };
    const first = await chat(t.id, t.token, t.userId, question, { name: `${marker} Visitor` });
    expect(first.body.message.content).toContain(marker);
    t.replyId = first.body.message.message_id;
    expect(t.replyId).toBe(replyIdFor(t.userId));
    // A second turn that files a gap, and a rating: more of the tenant that must stay as it is.
    await chat(t.id, t.token, randomUUID(), `Can I park a zeppelin at the ${marker.toLowerCase()} shop?`);
    expect((await feedback(t.id, t.token, t.replyId, 'up')).status).toBe(200);
    tenants[key] = t;
  }
}, 120_000);

afterAll(async () => {
  report('isolation-public', { web: { ...tally } });
  await server?.close();
});

describe("a visitor of B with A's session token and message ids", () => {
  it('reads nothing of A and changes nothing of A', async () => {
    const { a, b } = tenants;
    const stranger = randomUUID();
    const [h1, f1, f2, c1, c2, h2, f3, c3, c4, c5] = await against(a, [
      () => history(b.id, a.token),
      () => feedback(b.id, a.token, a.replyId, 'down'),
      () => feedback(b.id, b.token, a.replyId, 'down'),
      // A's token and A's own message id, replayed under B: B's own new session, B's answer.
      () => chat(b.id, a.token, a.userId, question, { name: 'Mallory', email: 'mallory@example.com' }),
      () => chat(b.id, a.token, randomUUID(), 'Can I return an item?', { name: 'Mallory' }),
      () => history(b.id, a.token),
      // The same reply id now exists in B's session: the rating lands there, never on A's message.
      () => feedback(b.id, a.token, a.replyId, 'down'),
      () => chat(b.id, stranger, a.userId, question),
      () => chat(b.id, stranger, a.userId, 'A different message under the same id'),
      () => chat(b.id, b.token, a.userId, question),
    ]);
    expect(h1?.body).toEqual({ messages: [] });
    for (const f of [f1, f2]) expect(f?.status).toBe(404);
    expect(c1?.body.message.content).toContain('BRAVO');
    expect(c1?.body.message.message_id).toBe(a.replyId);
    expect(c2?.body.message.content).toContain('BRAVO');
    expect(h2?.body.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(f3?.status).toBe(200);
    expect(c3?.body.message.content).toContain('BRAVO');
    expect(c4?.status).toBe(409);
    expect(c5?.body.message.content).toContain('BRAVO');
    // B's sessions under A's token: one per token, in B, with B's visitor name.
    const [own] = await server.db.query<any>(
      'SELECT visitor_name, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
      [b.id, a.token],
    );
    expect(own.visitor_name).toBe('Mallory');
    expect(own.messages[1].feedback).toBe('down');
    const [aSession] = await server.db.query<any>(
      'SELECT visitor_name, messages FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2',
      [a.id, a.token],
    );
    expect(aSession.visitor_name).toBe('ALPHA Visitor');
    expect(aSession.messages).toHaveLength(4);
    expect(aSession.messages[1].feedback).toBe('up');
  });

  it("reads A's widget config as A's visitor settings only, and B's config holds nothing of A", async () => {
    const { a, b } = tenants;
    // A's config is public by design (A's display name carries A's marker): only private keys count.
    const ca = await call('GET', `/api/widget/${a.id}/config`);
    tally.attempts++;
    expect(Object.keys(ca.body.settings).sort()).toEqual([...visitorSettingsKeys].sort());
    expect(ca.body.workspace_id).toBe(a.id);
    const leaked = [
      'PROMPT',
      'allowed_origins',
      'alpha.example"]',
      '4321',
      'personality',
      'confidence',
      'BRAVO',
    ];
    if (leaked.some((s) => ca.text.includes(s))) tally.crossReads++;
    const [cb, blocked, hist] = await against(a, [
      () => call('GET', `/api/widget/${b.id}/config`),
      // B's site embedding A's widget: A's allowed_origins refuse it, with nothing of A in the reply.
      () => call('GET', `/api/widget/${a.id}/config`, undefined, { origin: 'https://bravo.example' }),
      () =>
        call('GET', `/api/chat/history?workspace_id=${a.id}&session_token=${a.token}`, undefined, {
          origin: 'https://bravo.example',
        }),
    ]);
    expect(cb?.body.workspace_id).toBe(b.id);
    expect(blocked?.status).toBe(403);
    expect(hist?.status).toBe(403);
  });
});

describe("a visitor of A with B's session token and message ids", () => {
  it('reads nothing of B and changes nothing of B', async () => {
    const { a, b } = tenants;
    const [h, f, c] = await against(b, [
      () => history(a.id, b.token),
      () => feedback(a.id, b.token, b.replyId, 'down'),
      () => chat(a.id, b.token, b.userId, question, { name: 'Eve' }),
    ]);
    expect(h?.body).toEqual({ messages: [] });
    expect(f?.status).toBe(404);
    expect(c?.body.message.content).toContain('ALPHA');
  });

  it('counted every attempt: zero cross-tenant reads, zero cross-tenant changes', () => {
    expect(tally.attempts).toBeGreaterThanOrEqual(17);
    expect(tally.crossReads).toBe(0);
    expect(tally.crossWrites).toBe(0);
  });
});
