import { createWriteStream, readFileSync } from 'node:fs';
import { createLocalEmbedder } from '@clara/core';
import { migrate, openPglite } from '@clara/supabase';
import { parseQueriesCsv } from '../eval/read-queries-csv';
import { type EvalSummary, runEval } from '../eval/run-eval';
import { parseQaCsv } from '../knowledge/parse-qa-csv';
import { out, UsageError } from './output';

export const evalHelp = `  clara eval --kb KB.csv --queries QUERIES.csv [--out RESULTS.jsonl] [--threshold T]
                                           answer quality on a fresh temporary database`;

export interface EvalArgs {
  kb?: string | undefined;
  queries?: string | undefined;
  out?: string | undefined;
  threshold?: string | undefined;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * `clara eval`: imports KB.csv into a fresh in-memory embedded database (the real migrations and
 * import path), asks every query as an extractive chat turn, writes one JSON line per query to
 * --out and prints the summary JSON. Needs no configuration and touches no other database.
 */
export async function evalCommand(args: EvalArgs): Promise<EvalSummary> {
  if (!args.kb || !args.queries)
    throw new UsageError('clara eval needs --kb KB.csv and --queries QUERIES.csv');
  let threshold: number | undefined;
  if (args.threshold !== undefined) {
    threshold = Number(args.threshold);
    if (!Number.isFinite(threshold) || threshold < 0.5 || threshold > 0.95)
      throw new UsageError('--threshold must be between 0.5 and 0.95');
  }
  const kb = parseQaCsv(readText(args.kb));
  const queries = parseQueriesCsv(readText(args.queries));
  const db = await openPglite();
  const results = args.out ? createWriteStream(args.out) : null;
  try {
    await migrate(db);
    out.note(`clara eval: ${kb.rows.length} pairs, ${queries.length} queries`);
    const summary = await runEval({
      db,
      embedder: createLocalEmbedder(),
      kb,
      queries,
      threshold,
      onResult: (line) => results?.write(`${JSON.stringify(line)}\n`),
    });
    out.json(summary);
    return summary;
  } finally {
    if (results) await new Promise((resolve) => results.end(resolve));
    await db.close();
  }
}
