import { randomUUID } from 'node:crypto';
import type { Database } from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInThrottle } from './sign-in-throttle';

// The account lock over the real table, with a clock: how long a guesser spread over many
// addresses can keep an owner out.
let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

describe('the per-account sign-in lock', () => {
  it('grows 30 s, 60 s, 120 s, 240 s, then stays at 5 minutes, and the owner gets in when it ends', async () => {
    let t = Date.parse('2026-12-08T00:00:00Z');
    const throttle = createSignInThrottle(db, { now: () => new Date(t) });
    const email = `owner-${randomUUID()}@example.com`;
    let address = 0;
    const from = () => `2001:db8:${(address++).toString(16)}::1`; // a new /64 each time
    // Ten free failures, each from another address.
    for (let i = 0; i < 9; i++) expect((await throttle.reserve(email, from())).lockIfWrong).toBe(0);
    const locks: number[] = [];
    let attempt = await throttle.reserve(email, from());
    for (let i = 0; i < 8; i++) {
      expect(attempt.lockedFor).toBe('account');
      locks.push(attempt.lockIfWrong);
      // During the lock: refused unchecked, and not counted (it does not grow the lock).
      t += 1000;
      const refused = await throttle.reserve(email, from());
      expect(refused.retryAfter).toBe(attempt.lockIfWrong - 1);
      expect(refused.lockedFor).toBe('account');
      t += (attempt.lockIfWrong - 1) * 1000;
      attempt = await throttle.reserve(email, from()); // the guesser's next wrong password
    }
    expect(locks).toEqual([30, 60, 120, 240, 300, 300, 300, 300]);
    // The owner, once the last lock ends: the right password goes through and the lock it
    // would have started is undone.
    t += 300 * 1000;
    const owner = await throttle.reserve(email, '203.0.113.9');
    expect(owner.retryAfter).toBe(0);
    await throttle.succeed(email, '203.0.113.9');
    expect((await throttle.reserve(email, '203.0.113.9')).retryAfter).toBe(0);
  });

  it('never keeps the owner out at an address they signed in from: a guesser chaining locks locks only new addresses', async () => {
    let t = Date.parse('2026-12-08T00:00:00Z');
    const throttle = createSignInThrottle(db, { now: () => new Date(t) });
    const email = `owner-${randomUUID()}@example.com`;
    const home = '203.0.113.20';
    // The owner signed in from home last week.
    expect((await throttle.reserve(email, home)).retryAfter).toBe(0);
    await throttle.succeed(email, home);
    t += 7 * 86_400_000;
    // A guesser spread over many addresses locks the account and keeps it locked.
    let address = 0;
    const from = () => `2001:db8:${(address++).toString(16)}::1`;
    for (let i = 0; i < 10; i++) await throttle.reserve(email, from());
    for (let round = 0; round < 3; round++) {
      const refused = await throttle.reserve(email, from());
      expect(refused.retryAfter, `round ${round}`).toBeGreaterThan(0);
      expect(refused.lockedFor).toBe('account');
      // The owner at home, during the lock: the password is checked.
      t += 1000;
      expect((await throttle.reserve(email, home)).retryAfter).toBe(0);
      await throttle.succeed(email, home);
      // A new address is still refused unchecked: signing in at home did not lift the guesser's lock.
      expect((await throttle.reserve(email, '198.51.100.77')).retryAfter).toBeGreaterThan(0);
      // The lock ends and the guesser's next wrong password chains another.
      t += refused.retryAfter * 1000;
      expect((await throttle.reserve(email, from())).lockIfWrong).toBeGreaterThan(0);
    }
    // At home, wrong passwords still meet the address's own limit (5 for the email there).
    const home2 = '203.0.113.21';
    await throttle.reserve(email, home2);
    await throttle.succeed(email, home2);
    for (let i = 0; i < 4; i++) expect((await throttle.reserve(email, home2)).lockIfWrong).toBe(0);
    expect((await throttle.reserve(email, home2)).lockIfWrong).toBe(30);
    expect((await throttle.reserve(email, home2)).retryAfter).toBeGreaterThan(0);
  });

  it('is forgotten after an hour without a failure', async () => {
    let t = Date.parse('2026-12-08T00:00:00Z');
    const throttle = createSignInThrottle(db, { now: () => new Date(t) });
    const email = `owner-${randomUUID()}@example.com`;
    for (let i = 0; i < 10; i++) await throttle.reserve(email, `198.51.100.${i}`);
    t += 3601 * 1000;
    for (let i = 0; i < 9; i++) {
      expect((await throttle.reserve(email, `192.0.2.${i}`)).lockIfWrong, `failure ${i + 1}`).toBe(0);
    }
  });
});
