import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSharedChatRateLimit } from './shared-rate-limit';

let db: Database;
const workspaceId = randomUUID();
let t = Date.parse('2026-11-30T10:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const limiter = (secret = randomBytes(32)) =>
  createSharedChatRateLimit({
    sql: db,
    secret,
    perIpPerMinute: 3,
    perSessionPerMinute: 2,
    now: () => t,
  });

const ask = (ip: string, sessionToken: string) => ({
  ip,
  workspaceId,
  sessionToken,
  messageId: randomUUID(),
});

describe('chat rate limits shared through the database', () => {
  it('two limiters with the same secret (two instances) count one limit per session and per IP', async () => {
    const secret = randomBytes(32);
    const [a, b] = [limiter(secret), limiter(secret)];
    const session = randomUUID();
    expect(await a(ask('203.0.113.7', session))).toBeNull();
    expect(await b(ask('203.0.113.7', session))).toBeNull();
    // 2 per minute per session: the next token in 30 s, whichever instance is asked.
    expect(await a(ask('203.0.113.7', session))).toBe(30);
    expect(await b(ask('203.0.113.7', session))).toBe(30);
    // The IP has one token left of 3 (refused messages took none); then 20 s per token.
    expect(await b(ask('203.0.113.7', randomUUID()))).toBeNull();
    expect(await a(ask('203.0.113.7', randomUUID()))).toBe(20);
    t += 30_000;
    expect(await a(ask('198.51.100.1', session))).toBeNull();
  });

  it('stores digests, never the client address or the session token', async () => {
    const session = randomUUID();
    await limiter()(ask('192.0.2.44', session));
    const rows = await db.query<{ key: string }>('SELECT key FROM chat_rate_limits');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('192.0.2.44');
    expect(text).not.toContain(session);
    expect(rows.every((r) => /^(ip|session):[\w-]{43}$/.test(r.key))).toBe(true);
  });

  it('deletes idle buckets as it goes', async () => {
    const before = (await db.query('SELECT key FROM chat_rate_limits')).length;
    expect(before).toBeGreaterThan(0);
    t += 5 * 60_000;
    await limiter()(ask('192.0.2.45', randomUUID()));
    // Only this admission's two buckets are left. The prune runs beside the admission (on
    // another pooled connection on Postgres), so it may finish after it.
    await vi.waitFor(async () => {
      expect((await db.query('SELECT key FROM chat_rate_limits')).length).toBe(2);
    });
  });
});
