/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// An import's `phrasing_of` names its pair's question in any case: capitals outside ASCII
// (Ö, Greek, Cyrillic) are compared in the app's form on both sides, never with SQL's lower(),
// which folds only ASCII on a database with the C locale (native Postgres in CI, PGlite).
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, [
    { question: 'Öffnungszeiten?', answer: 'Montag bis Freitag, 9 bis 17 Uhr.', category: 'hours' },
    { question: 'Часы работы?', answer: 'С понедельника по пятницу, с 9 до 17.', category: 'hours' },
    { question: 'Ποιες είναι οι ώρες λειτουργίας;', answer: 'Δευτέρα έως Παρασκευή.', category: 'hours' },
  ]);
  // A pair written before its question's key was stored (filled later by the backfill).
  await server.db.query(`UPDATE qa_pairs SET question_key = NULL WHERE workspace_id = $1 AND question = $2`, [
    owner.workspaceId,
    'Часы работы?',
  ]);
});
afterAll(() => server.close());

async function importCsv(csv: string) {
  const started = await owner.request('POST', '/api/admin/knowledge/import', csv, {
    'content-type': 'text/csv',
  });
  let { job } = (await started.json()) as any;
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  expect(job.status).toBe('done');
  return job.result;
}

describe('import: phrasing_of naming a pair of the knowledge base in capitals', () => {
  it('links each phrasing to its pair whatever the letters (Ö, Greek, Cyrillic capitals)', async () => {
    const result = await importCsv(
      [
        'question,answer,category,phrasing_of',
        'wann habt ihr offen,-,,ÖFFNUNGSZEITEN?',
        'когда вы открыты,-,,ЧАСЫ РАБОТЫ?',
        'πότε είστε ανοιχτά,-,,ΠΟΙΕΣ ΕΙΝΑΙ ΟΙ ΩΡΕΣ ΛΕΙΤΟΥΡΓΙΑΣ;',
      ].join('\n'),
    );
    expect(result).toMatchObject({ imported: 3, errors: [] });
    const items = (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
    const pair = (q: string) => items.find((p) => p.question === q);
    for (const [wording, question] of [
      ['wann habt ihr offen', 'Öffnungszeiten?'],
      ['когда вы открыты', 'Часы работы?'],
      ['πότε είστε ανοιχτά', 'Ποιες είναι οι ώρες λειτουργίας;'],
    ] as const) {
      expect(pair(wording), wording).toMatchObject({
        answer: pair(question).answer,
        category: 'hours',
        phrasing_of: { id: pair(question).id, question },
      });
    }
  });

  it('the exact wording wins over another of the same question; a name of no pair is a row error', async () => {
    await server.addPairs(owner.workspaceId, [
      { question: 'Ist der Laden barrierefrei?', answer: 'Ja, mit Rampe.', category: 'access' },
      { question: 'IST DER LADEN BARRIEREFREI', answer: 'Ja, ebenerdig.', category: 'access' },
    ]);
    const result = await importCsv(
      [
        'question,answer,category,phrasing_of',
        'kann ich mit dem rollstuhl rein,-,,ist der laden barrierefrei',
        'gibt es parkplätze,-,,GIBT ES EINEN PARKPLATZ?',
      ].join('\n'),
    );
    expect(result).toMatchObject({ imported: 1 });
    expect(result.errors).toEqual([
      {
        row: 3,
        message:
          'phrasing_of: no pair has the question “GIBT ES EINEN PARKPLATZ?” in this file or the knowledge base',
      },
    ]);
    const items = (await owner.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
    expect(items.find((p) => p.question === 'kann ich mit dem rollstuhl rein')).toMatchObject({
      answer: 'Ja, ebenerdig.',
      phrasing_of: { question: 'IST DER LADEN BARRIEREFREI' },
    });
  });
});
