import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const burst = async (attempts: { email: string; password: string }[]) => {
  const c = adminClient(server.url, { email: 'x@example.com', password: 'x' });
  await c.request('GET', '/api/auth/session');
  const responses = await Promise.all(attempts.map((body) => c.request('POST', '/api/auth/sign-in', body)));
  return responses.map((r) => r.status);
};

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('sign-in lockout under concurrency (issue 18 #4)', () => {
  it('a burst of 50 concurrent wrong passwords checks at most 5; the right password is then locked out', async () => {
    const owner = await signUpOwner(server.url);
    const statuses = await burst(
      Array.from({ length: 50 }, () => ({ email: owner.email, password: 'wrong-guess' })),
    );
    // Four plain failures, the fifth starts the lock (429), everything else refused unchecked.
    expect(count(statuses, 401)).toBe(4);
    expect(count(statuses, 429)).toBe(46);
    const key = createHash('sha256').update(`${owner.email}\n127.0.0.1`).digest('hex');
    const [row] = await server.db.query<{ failures: number }>(
      'SELECT failures FROM auth_sign_in_failures WHERE key = $1',
      [key],
    );
    expect(row?.failures).toBe(5);
    const right = await burst([{ email: owner.email, password: owner.password }]);
    expect(right).toEqual([429]);
  });

  it('the right password inside a burst of wrong ones gets in only within the allowed failures', async () => {
    for (let round = 0; round < 3; round++) {
      const owner = await signUpOwner(server.url);
      const attempts = Array.from({ length: 50 }, (_, i) => ({
        email: owner.email,
        password: i === 10 + round * 15 ? owner.password : 'wrong-guess',
      }));
      const statuses = await burst(attempts);
      // At most 4 plain failures (the 5th starts the lock) before a success; a success resets
      // the email's count, so at most 4 more after it.
      const succeeded = count(statuses, 200);
      expect(succeeded).toBeLessThanOrEqual(1);
      expect(count(statuses, 401)).toBeLessThanOrEqual(succeeded ? 8 : 4);
    }
  });

  it('an address is locked after 50 failures over any emails', async () => {
    const owner = await signUpOwner(server.url);
    const ipKey = createHash('sha256').update('*\n127.0.0.1').digest('hex');
    const read = () =>
      server.db.query<{ failures: number }>('SELECT failures FROM auth_sign_in_failures WHERE key = $1', [
        ipKey,
      ]);
    const before = (await read())[0]?.failures ?? 0;
    const statuses = await burst(
      Array.from({ length: 70 }, () => ({ email: `nobody-${randomUUID()}@example.com`, password: 'guess' })),
    );
    expect(count(statuses, 401)).toBe(49 - before);
    expect(count(statuses, 429)).toBe(21 + before);
    expect((await read())[0]?.failures).toBe(50);
    expect(await burst([{ email: owner.email, password: owner.password }])).toEqual([429]);
  });
});
