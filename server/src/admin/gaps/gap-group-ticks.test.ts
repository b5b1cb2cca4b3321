/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */

import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

describe('pre-ticked wordings of a gap group', () => {
  it('groups a different need with a question but pre-ticks only near-duplicates of the title', async () => {
    for (const q of [
      'can you get a book in for me',
      'what do you do with old books',
      'Can you order a book in for me',
    ]) {
      expect((await server.ask(owner.workspaceId, q)).message.gap_detected, q).toBe(true);
    }
    const res = await owner.json('GET', '/api/admin/gaps/groups');
    expect(res.status).toBe(200);
    const group = (res.body.groups as any[]).find((g) => g.question === 'can you get a book in for me');
    const idOf = (q: string) => group.gaps.find((g: any) => g.question === q)?.id;
    // Still one group (grouping is unchanged)…
    expect(group.gaps).toHaveLength(3);
    // …but "Answer once" defaults to the title and its near-duplicate only.
    expect(new Set(group.ticked)).toEqual(
      new Set([idOf('can you get a book in for me'), idOf('Can you order a book in for me')]),
    );
    expect(group.ticked).not.toContain(idOf('what do you do with old books'));
  });
});
