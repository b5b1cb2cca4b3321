/**
 * Where `importQaPairs` spends its time: N BANKING77 pairs (default 10,000) into a fresh in-memory
 * PGlite. Run each mode in its own process (retained literals skew the others):
 *   npx tsx bench/retrieval/profile-import.ts 10000 phases   # embedding and literal formatting alone
 *   npx tsx bench/retrieval/profile-import.ts 10000 before   # the former path, replayed: questions only
 *                                                            # embedded, dense toPrecision(7) literals
 *   npx tsx bench/retrieval/profile-import.ts 10000 after    # today's importQaPairs, end to end
 * ON_DISK=1: the database in a temporary directory (as `clara import` on the embedded database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalEmbedder, embedPairs } from '@clara/core';
import { importQaPairs } from '@clara/server/eval';
import {
  createUser,
  createWorkspace,
  type Database,
  migrate,
  openPglite,
  type SqlExecutor,
  toSparseVectorLiteral,
} from '@clara/supabase';
import { bankingPairs } from '../lib/banking77';

const rows = Number(process.argv[2] ?? 10_000);
const mode = process.argv[3] ?? 'after';
const pairs = bankingPairs(rows);
const embedder = createLocalEmbedder();
await embedder.embed(['warm up']);

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const show = (label: string, s: number) => console.log(`${label.padEnd(46)} ${s.toFixed(2)} s`);

const dataDir = process.env.ON_DISK === '1' ? mkdtempSync(join(tmpdir(), 'clara-import-')) : undefined;
process.on('exit', () => dataDir && rmSync(dataDir, { recursive: true, force: true }));

async function freshWorkspace(): Promise<{ db: Database; workspaceId: string }> {
  const db = await openPglite(dataDir ? { dataDir } : {});
  await migrate(db);
  const user = await createUser(db, 'profile@example.com', 'x');
  return { db, workspaceId: (await createWorkspace(db, user.id)).id };
}

/** The former vector literal: every element with 7 significant digits. */
const denseLiteral = (v: Float32Array) => {
  let out = '[';
  for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + Number(v[i]).toPrecision(7);
  return `${out}]`;
};

async function insertDense(
  sql: SqlExecutor,
  workspaceId: string,
  batch: typeof pairs,
  vectors: Float32Array[],
): Promise<void> {
  await sql.query(
    `INSERT INTO qa_pairs (workspace_id, question, answer, category, embedding, source, metadata)
     SELECT $1, t.question, t.answer, t.category, t.embedding::vector, 'csv_import', t.metadata::jsonb
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(question, answer, category, embedding, metadata, n)
     ORDER BY t.n RETURNING id`,
    [
      workspaceId,
      batch.map((p) => p.question),
      batch.map((p) => p.answer),
      batch.map((p) => p.category),
      vectors.map(denseLiteral),
      batch.map(() => '{}'),
    ],
  );
}

let t0 = performance.now();
if (mode === 'phases') {
  await embedder.embed(pairs.map((p) => p.question));
  show(`embed questions only (${rows})`, seconds(t0));
  t0 = performance.now();
  const pairVectors = await embedPairs(embedder, pairs);
  show(`embedPairs, question + answer (${rows})`, seconds(t0));
  t0 = performance.now();
  const dense = pairVectors.map(denseLiteral);
  show('dense literals, toPrecision(7)', seconds(t0));
  t0 = performance.now();
  const sparse = pairVectors.map(toSparseVectorLiteral);
  show('sparse literals', seconds(t0));
  const avg = (ls: string[]) => Math.round(ls.reduce((s, l) => s + l.length, 0) / ls.length);
  console.log(`  average literal: dense ${avg(dense)} chars, sparse ${avg(sparse)} chars`);
}
if (mode === 'before') {
  const { db, workspaceId } = await freshWorkspace();
  t0 = performance.now();
  const vectors = await embedder.embed(pairs.map((p) => p.question));
  await db.transaction(async (tx) => {
    for (let i = 0; i < pairs.length; i += 1000)
      await insertDense(tx, workspaceId, pairs.slice(i, i + 1000), vectors.slice(i, i + 1000));
  });
  const s = seconds(t0);
  show(`before: embed + dense insert (${rows})`, s);
  console.log(`  before: ${(rows / s).toFixed(0)} rows/s`);
  await db.close();
}
if (mode === 'after') {
  const { db, workspaceId } = await freshWorkspace();
  t0 = performance.now();
  const result = await importQaPairs(
    db,
    embedder,
    workspaceId,
    pairs.map((pair, i) => ({ row: i + 2, pair })),
  );
  const s = seconds(t0);
  show(`after: importQaPairs end to end (${result.imported})`, s);
  console.log(`  after: ${(result.imported / s).toFixed(0)} rows/s`);
  await db.close();
}
