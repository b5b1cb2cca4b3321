/**
 * Does `search_qa_pairs_hybrid` (RRF of vector and full-text ranks) rank better than the vector
 * search alone on the development sets? Imports each dev KB through the real import path into a
 * fresh PGlite and compares top-1 / recall@5 of both SQL functions (ranking only; confidence is
 * not involved).
 *   npx tsx bench/retrieval/eval-dev-hybrid.ts [dental|demo ...]
 */
import { readFileSync } from 'node:fs';
import { createLocalEmbedder } from '@clara/core';
import { importQaPairs, parseQaCsv, parseQueriesCsv } from '@clara/server/eval';
import {
  createUser,
  createWorkspace,
  migrate,
  openPglite,
  searchQaPairs,
  toVectorLiteral,
} from '@clara/supabase';

const embedder = createLocalEmbedder();
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ['dental', 'demo']) {
  const dir = new URL(`dev/${name}/`, import.meta.url);
  const kb = parseQaCsv(readFileSync(new URL('kb.csv', dir), 'utf8'));
  const queries = parseQueriesCsv(readFileSync(new URL('queries.csv', dir), 'utf8')).filter(
    (q) => q.expected_answer !== null,
  );
  const db = await openPglite({});
  await migrate(db);
  const ws = await createWorkspace(db, (await createUser(db, `${name}@example.com`, 'x')).id);
  await importQaPairs(db, embedder, ws.id, kb.rows);
  const score = { vector: [0, 0], hybrid: [0, 0] };
  for (const q of queries) {
    const [v] = (await embedder.embed([q.query])) as [Float32Array];
    const vec = await db.transaction((tx) => searchQaPairs(tx, ws.id, v, { threshold: -1, count: 5 }));
    const hyb = await db.query<{ answer: string }>(
      'SELECT answer FROM search_qa_pairs_hybrid($1, $2::vector, $3, 5)',
      [ws.id, toVectorLiteral(v), q.query],
    );
    for (const [key, list] of [
      ['vector', vec],
      ['hybrid', hyb],
    ] as const) {
      const rank = list.map((m) => norm(m.answer)).indexOf(norm(q.expected_answer as string));
      if (rank === 0) score[key][0] = (score[key][0] ?? 0) + 1;
      if (rank >= 0) score[key][1] = (score[key][1] ?? 0) + 1;
    }
  }
  const f = (x = 0) => (x / queries.length).toFixed(3);
  console.log(
    `${name}: vector top-1 ${f(score.vector[0])} recall@5 ${f(score.vector[1])}; hybrid (RRF) top-1 ${f(score.hybrid[0])} recall@5 ${f(score.hybrid[1])}`,
  );
  await db.close();
}
