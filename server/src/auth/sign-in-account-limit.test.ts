import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

// Behind one trusted proxy: X-Forwarded-For names the client, as an attacker spreading guesses
// over many addresses would make it.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_TRUST_PROXY: '1' } });
});
afterAll(() => server.close());

/** One sign-in attempt from `from` (X-Forwarded-For), with a CSRF token of its own. */
async function signInFrom(from: string, email: string, password: string) {
  const client = adminClient(server.url, { email, password });
  const headers = { 'x-forwarded-for': from };
  await client.request('GET', '/api/auth/session', undefined, headers);
  const res = await client.request('POST', '/api/auth/sign-in', { email, password }, headers);
  const body = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

async function guesses(from: string, email: string, count: number) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await signInFrom(from, email, 'wrong-guess')).status);
  return statuses;
}

describe('sign-in: a limit per account, whatever the address (attack pass)', () => {
  it('after 10 wrong passwords from ten /64s the right one from yet another address is 429, Retry-After', async () => {
    const owner = await signUpOwner(server.url);
    const seen: number[] = [];
    for (let n = 1; n <= 8; n++) seen.push(...(await guesses(`2001:db8:${n}::1`, owner.email, 5)));
    // The first address: four failures then its own lock; the second reaches the account's tenth
    // failure on its fifth; every later guess is refused unchecked.
    expect(seen.slice(0, 10)).toEqual([401, 401, 401, 401, 429, 401, 401, 401, 401, 429]);
    expect(seen.slice(10)).toEqual(Array(30).fill(429));
    const right = await signInFrom('2001:db8:99::1', owner.email, owner.password);
    expect(right.status).toBe(429);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    expect(Number(right.retryAfter)).toBeLessThanOrEqual(300);
    expect(right.body.error?.code).toBe('rate_limited');
    expect(right.body.error?.message).toMatch(/for this account/);
    // Another account is not locked by it.
    const other = await signUpOwner(server.url);
    expect((await signInFrom('2001:db8:99::1', other.email, other.password)).status).toBe(200);
  });

  it('IPv6 addresses of one /64 share one limit (2001:db8::1 … ::8, then ::99)', async () => {
    const owner = await signUpOwner(server.url);
    const seen: number[] = [];
    for (let n = 1; n <= 8; n++) seen.push(...(await guesses(`2001:db8::${n}`, owner.email, 5)));
    expect(seen.slice(0, 5)).toEqual([401, 401, 401, 401, 429]);
    expect(seen.slice(5)).toEqual(Array(35).fill(429));
    expect((await signInFrom('2001:db8::99', owner.email, owner.password)).status).toBe(429);
  });

  it('an IPv4-mapped IPv6 address is its IPv4 address', async () => {
    const owner = await signUpOwner(server.url);
    expect(await guesses('198.51.100.7', owner.email, 4)).toEqual([401, 401, 401, 401]);
    expect(await guesses('::ffff:198.51.100.7', owner.email, 1)).toEqual([429]);
  });

  it('the right password from the owner still signs in before the account limit', async () => {
    const owner = await signUpOwner(server.url);
    for (let n = 1; n <= 2; n++) await guesses(`2001:db8:a${n}::1`, owner.email, 4);
    expect((await signInFrom('203.0.113.50', owner.email, owner.password)).status).toBe(200);
  });
});
