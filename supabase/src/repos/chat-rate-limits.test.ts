import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { admitChatMessage, pruneChatRateLimits, type RateBucket } from './chat-rate-limits';
import { beginTurn } from './sessions';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let ws: string;
const t0 = new Date('2026-11-30T10:00:00Z');
const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, 'rate@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

function admit(session: string, buckets: RateBucket[], at: Date, messageId = randomUUID()) {
  return admitChatMessage(db, { workspaceId: ws, sessionToken: session, messageId, buckets, at });
}

const tokensOf = async (key: string) =>
  (await db.query<{ tokens: number }>('SELECT tokens FROM chat_rate_limits WHERE key = $1', [key]))[0]
    ?.tokens;

describe('chat rate limits in the database', () => {
  it('refuses once a bucket is empty, with the seconds until its next token, and refills', async () => {
    const bucket = { key: `s-${randomUUID()}`, capacity: 4 };
    const session = randomUUID();
    for (let i = 0; i < 4; i++) expect(await admit(session, [bucket], t0)).toEqual({ kind: 'admitted' });
    // 4 per minute: a token every 15 s.
    expect(await admit(session, [bucket], t0)).toEqual({ kind: 'limited', waitSeconds: 15 });
    expect(await admit(session, [bucket], after(10))).toEqual({ kind: 'limited', waitSeconds: 5 });
    expect(await admit(session, [bucket], after(15))).toEqual({ kind: 'admitted' });
    // A minute later the bucket is full again.
    for (let i = 0; i < 4; i++) expect((await admit(session, [bucket], after(90))).kind).toBe('admitted');
    expect((await admit(session, [bucket], after(90))).kind).toBe('limited');
  });

  it('charges every bucket or none: a refused message gives back what it took', async () => {
    const ip = { key: `ip-${randomUUID()}`, capacity: 10 };
    const session = { key: `s-${randomUUID()}`, capacity: 1 };
    const token = randomUUID();
    expect((await admit(token, [ip, session], t0)).kind).toBe('admitted');
    expect(await admit(token, [ip, session], t0)).toEqual({ kind: 'limited', waitSeconds: 60 });
    expect(await tokensOf(ip.key)).toBe(9);
    expect(await tokensOf(session.key)).toBe(0);
  });

  it('never charges a message already stored in the session (a retry)', async () => {
    const bucket = { key: `s-${randomUUID()}`, capacity: 1 };
    const token = randomUUID();
    const messageId = randomUUID();
    expect((await admit(token, [bucket], t0, messageId)).kind).toBe('admitted');
    await db.transaction((tx) =>
      beginTurn(tx, {
        workspaceId: ws,
        sessionToken: token,
        replyId: randomUUID(),
        userMessage: { message_id: messageId, role: 'user', content: 'Hi?', timestamp: t0.toISOString() },
      }),
    );
    for (let i = 0; i < 3; i++)
      expect(await admit(token, [bucket], t0, messageId)).toEqual({ kind: 'retry' });
    expect((await admit(token, [bucket], t0)).kind).toBe('limited');
    expect(await tokensOf(bucket.key)).toBe(0);
  });

  it('prunes buckets idle for a minute (full again), keeping recent ones', async () => {
    const old = { key: `old-${randomUUID()}`, capacity: 2 };
    const recent = { key: `new-${randomUUID()}`, capacity: 2 };
    const late = after(3600);
    await admit(randomUUID(), [old], after(3600 - 61));
    await admit(randomUUID(), [recent], after(3600 - 30));
    expect(await pruneChatRateLimits(db, late)).toBeGreaterThanOrEqual(1);
    expect(await tokensOf(old.key)).toBeUndefined();
    expect(await tokensOf(recent.key)).toBe(1);
  });

  it('costs about one round trip per admission (measured)', async () => {
    const n = 300;
    const buckets = [
      { key: `ip-${randomUUID()}`, capacity: 100_000 },
      { key: `s-${randomUUID()}`, capacity: 100_000 },
    ];
    const start = performance.now();
    for (let i = 0; i < n; i++) await admit(randomUUID(), buckets, t0);
    const msPerAdmission = (performance.now() - start) / n;
    process.stderr.write(`chat rate limit: ${msPerAdmission.toFixed(3)} ms per admission\n`);
    expect(msPerAdmission).toBeLessThan(50);
  });
});
