/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// The gap inbox's "Link to an existing answer" search: GET /api/admin/knowledge?match=words finds
// pairs by every typed word (any order, case and accents ignored) in the question or the answer.

let server: TestServer;
let owner: AdminClient;

const pairs = [
  ['How much is a dog wash?', 'A full dog wash is £15; the price includes drying.'],
  ['Can I wash my dog myself?', 'Yes: our self-service tub costs £8 for 30 minutes.'],
  ['Is the café dog-friendly?', 'Dogs on a lead are welcome in the café.'],
  ['Do you have Wi-Fi?', 'Free Wi-Fi throughout; the password is on the till.'],
  ['What are your opening hours?', 'Every day 9 to 6; dog washes until 5.'],
  ["Don't you open on Sundays?", "We can't: Sundays are for the dogs' walk."],
  ['ØRESUND bridge tolls?', 'Paid at the toll plaza, by card.'],
  ['Do you deliver to ΑΘΗΝΑ?', 'Yes, and to МОСКВА, in a week.'],
] as const;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  for (const [question, answer] of pairs) {
    const res = await owner.json('POST', '/api/admin/knowledge', { question, answer, allow_duplicate: true });
    expect(res.status).toBe(201);
    ids[question] = res.body.pair.id;
  }
});
afterAll(() => server.close());

/** The questions a word search for `q` lists, in order. */
async function found(q: string, match = 'words') {
  const res = await owner.json(
    'GET',
    `/api/admin/knowledge?active=true&match=${match}&q=${encodeURIComponent(q)}`,
  );
  expect(res.status).toBe(200);
  return (res.body.items as any[]).map((p) => p.question);
}

describe('searching the knowledge base by words', () => {
  it('finds a pair with every typed word in its question or answer, in any order', async () => {
    expect(await found('dog wash price', 'phrase')).toEqual([]);
    expect(await found('dog wash price')).toEqual(['How much is a dog wash?']);
    expect(await found('PRICE Wash dog')).toEqual(['How much is a dog wash?']);
    // Little words left out, plural and -ing forms found: "the" is in no pair here.
    expect(await found('how much is the dog wash')).toEqual(['How much is a dog wash?']);
    expect(await found('pricing dogs washing')).toEqual(['How much is a dog wash?']);
  });

  it('ignores case, accents, hyphens and punctuation', async () => {
    expect(await found('CAFE')).toEqual(['Is the café dog-friendly?']);
    expect(await found('dog friendly?')).toEqual(['Is the café dog-friendly?']);
    expect(await found('wifi')).toEqual(['Do you have Wi-Fi?']);
    expect(await found('wi-fi password')).toEqual(['Do you have Wi-Fi?']);
    // Contractions typed either way ("don't" is not "do not" in the stored text).
    expect(await found("don't open")).toEqual(["Don't you open on Sundays?"]);
    expect(await found('dont sundays')).toEqual(["Don't you open on Sundays?"]);
    expect(await found('can’t sundays')).toEqual(["Don't you open on Sundays?"]);
  });

  it('folds capitals beyond ASCII, whatever the database locale (lower() under C folds only ASCII)', async () => {
    expect(await found('øresund')).toEqual(['ØRESUND bridge tolls?']);
    expect(await found('øresund tolls')).toEqual(['ØRESUND bridge tolls?']);
    expect(await found('αθηνα')).toEqual(['Do you deliver to ΑΘΗΝΑ?']);
    expect(await found('москва')).toEqual(['Do you deliver to ΑΘΗΝΑ?']);
  });

  it('gives the total of every match beside one page, and past the last page', async () => {
    const first = await owner.json('GET', '/api/admin/knowledge?active=true&match=words&q=dog&page_size=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBe(5);
    const past = await owner.json(
      'GET',
      '/api/admin/knowledge?active=true&match=words&q=dog&page_size=2&page=9',
    );
    expect(past.body).toMatchObject({ items: [], total: 5 });
  });

  it('lists pairs whose question holds every word first, then the most words in the question', async () => {
    const listed = await found('dog wash');
    expect(listed.slice(0, 2).sort()).toEqual(['Can I wash my dog myself?', 'How much is a dog wash?']);
    expect(listed.slice(2)).toEqual(['What are your opening hours?']);
    expect(await found('dog café')).toEqual(['Is the café dog-friendly?']);
  });

  it('finds nothing when one word is nowhere, and refuses a bad match mode', async () => {
    expect(await found('dog wash zebra')).toEqual([]);
    const bad = await owner.json('GET', '/api/admin/knowledge?match=fuzzy&q=dog');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
