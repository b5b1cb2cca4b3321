/**
 * Measuring one vector index configuration: the seed's `search_qa_pairs` as the store calls it
 * (a transaction with the index's search settings), recall@5 against exact search, latency.
 */
import { type SqlExecutor, toVectorLiteral } from '@clara/supabase';
import { type LatencySummary, summarise } from './stats';

type Db = SqlExecutor & { transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T> };

/** One index and its search-time settings. */
export interface IndexConfig {
  name: string;
  /** SQL that builds the index (timed); '' reuses the previous configuration's index. */
  build: string;
  /** Session settings for the search transaction (`ivfflat.probes`, `hnsw.iterative_scan`, ...). */
  settings: Record<string, string>;
}

export interface Query {
  workspaceId: string;
  vector: Float32Array;
}

interface Hit {
  id: string;
  similarity: number;
}

/** One search as the store runs it: settings local to the transaction, then the seed's function. */
export async function searchWith(
  db: Db,
  config: IndexConfig,
  query: Query,
  threshold: number,
): Promise<Hit[]> {
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries(config.settings))
      await tx.query('SELECT set_config($1, $2, true)', [name, value]);
    return tx.query<Hit>('SELECT id, similarity FROM search_qa_pairs($1, $2::vector, $3, $4)', [
      query.workspaceId,
      toVectorLiteral(query.vector),
      threshold,
      5,
    ]);
  });
}

/**
 * Share of the exact top 5 an index search found, by distance: a hit counts when it is at
 * least as similar as the exact 5th (so ties between equally close pairs are not misses).
 */
export function recallAt5(found: readonly Hit[], exact: readonly Hit[]): number {
  if (exact.length === 0) return found.length === 0 ? 1 : 0;
  const kth = exact[exact.length - 1]?.similarity ?? 0;
  const good = found.filter((h) => h.similarity >= kth - 1e-6).length;
  return Math.min(1, good / exact.length);
}

export interface Measured {
  name: string;
  buildSeconds: number;
  /** Mean recall@5 over the queries, threshold -1 (every pair a candidate). */
  recall: number;
  /** Queries measured (fewer than asked when the time budget ran out). */
  queries: number;
  /** Queries that came back with fewer than 5 rows although the workspace has more. */
  short: number;
  latency: LatencySummary;
  /** The engine's own call (threshold 0.5): latency and recall against exact at 0.5. */
  engineLatency: LatencySummary;
  engineRecall: number;
  /** The index the planner picked for the search, from EXPLAIN of the function's query. */
  plan: string;
}

/** Runs `config` over every query at threshold -1 and at the engine's 0.5; `exact` holds the truth. */
export async function measure(
  db: Db,
  config: IndexConfig,
  queries: readonly Query[],
  exact: { all: Hit[][]; engine: Hit[][] } | null,
  budgetMs = 90_000,
): Promise<{ measured: Measured; results: { all: Hit[][]; engine: Hit[][] } }> {
  const b0 = performance.now();
  if (config.build) {
    await db.exec(config.build);
    await db.exec('ANALYZE qa_pairs');
  }
  const buildSeconds = config.build ? (performance.now() - b0) / 1000 : 0;
  const first = queries[0];
  if (first) await searchWith(db, config, first, -1);
  // A slow configuration (an exhaustive scan at 100K rows takes seconds a query) stops after
  // its time budget, with at least 10 queries measured.
  const run = async (threshold: number) => {
    const ms: number[] = [];
    const hits: Hit[][] = [];
    const started = performance.now();
    for (const q of queries) {
      if (hits.length >= 10 && performance.now() - started > budgetMs) break;
      const s0 = performance.now();
      hits.push(await searchWith(db, config, q, threshold));
      ms.push(performance.now() - s0);
    }
    return { ms, hits };
  };
  const all = await run(-1);
  const engine = await run(0.5);
  const truth = exact ?? { all: all.hits, engine: engine.hits };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    measured: {
      name: config.name,
      buildSeconds,
      queries: all.hits.length,
      recall: mean(all.hits.map((h, i) => recallAt5(h, truth.all[i] ?? []))),
      short: all.hits.filter((h) => h.length < 5).length,
      latency: summarise(all.ms),
      engineLatency: summarise(engine.ms),
      engineRecall: mean(engine.hits.map((h, i) => recallAt5(h, truth.engine[i] ?? []))),
      plan: first ? await planOf(db, config, first) : '',
    },
    results: { all: all.hits, engine: engine.hits },
  };
}

/**
 * Which index the function's query uses under `config`'s settings: the query is prepared with
 * parameters as plpgsql prepares it, and explained after six runs, when Postgres may have
 * switched to a generic plan (planned for an average workspace).
 */
async function planOf(db: Db, config: IndexConfig, query: Query): Promise<string> {
  const args = `'${query.workspaceId}'::uuid, '${toVectorLiteral(query.vector)}'::vector, -1::float8`;
  const lines = await db.transaction(async (tx) => {
    for (const [name, value] of Object.entries(config.settings))
      await tx.query('SELECT set_config($1, $2, true)', [name, value]);
    await tx.exec(
      `PREPARE clara_plan(uuid, vector, float8) AS SELECT qp.id FROM qa_pairs qp
       WHERE qp.workspace_id = $1 AND qp.is_active AND qp.embedding IS NOT NULL
         AND 1 - (qp.embedding <=> $2) > $3
       ORDER BY qp.embedding <=> $2 LIMIT 5`,
    );
    for (let i = 0; i < 6; i++) await tx.query(`EXECUTE clara_plan(${args})`);
    const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE clara_plan(${args})`);
    await tx.exec('DEALLOCATE clara_plan');
    return plan;
  });
  const text = lines.map((l) => l['QUERY PLAN']).join('\n');
  const index = /(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:using|on) (\w+)/.exec(text)?.[1];
  return index ?? (/Seq Scan/.test(text) ? 'seq scan' : (text.split('\n')[1]?.trim() ?? 'other'));
}
