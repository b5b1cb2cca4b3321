/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { createLocalEmbedder } from '@clara/core';
import { bakeryPairs } from '@clara/testkit/bakery-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { gapGroupSimilarity } from './gap-groups';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bakeryPairs);
}, 60_000);
afterAll(() => server.close());

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(na * nb);
};

describe('grouping spelling variants of a gap question', () => {
  it('groups wifi with wi-fi (apart on the raw wordings) and dogs with dog', async () => {
    const wifi = ['do you have wifi?', 'Do you have Wi-Fi?'];
    const dogs = ['can my dogs come inside?', 'can my dog come inside?'];
    // On the raw wordings the embedder puts wifi and wi-fi below the grouping threshold.
    const [a, b] = await createLocalEmbedder().embed(wifi);
    expect(cosine(a as Float32Array, b as Float32Array)).toBeLessThan(gapGroupSimilarity);

    for (const question of [...wifi, ...dogs]) {
      expect((await server.ask(owner.workspaceId, question)).message.gap_detected, question).toBe(true);
    }
    const res = await owner.json('GET', '/api/admin/gaps/groups');
    expect(res.status).toBe(200);
    const groupOf = (question: string) =>
      (res.body.groups as any[]).find((g) => g.gaps.some((x: any) => x.question === question));
    expect(
      groupOf(wifi[0] as string)
        .gaps.map((x: any) => x.question)
        .sort(),
    ).toEqual([...wifi].sort());
    expect(
      groupOf(dogs[0] as string)
        .gaps.map((x: any) => x.question)
        .sort(),
    ).toEqual([...dogs].sort());
    // Each gap keeps its own wording (the key only groups).
    expect(groupOf(wifi[1] as string).asks).toBe(2);
  });
});
