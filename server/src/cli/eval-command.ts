import { createWriteStream, readFileSync } from 'node:fs';
import { createLocalEmbedder, isClaraError } from '@clara/core';
import { migrate, openPglite } from '@clara/supabase';
import type { EvalConfig } from '../config/load-config';
import { parseQueriesCsv } from '../eval/read-queries-csv';
import { type EvalKey, type EvalSummary, runEval } from '../eval/run-eval';
import { unmatchedExpected } from '../eval/unmatched-expected';
import { parseQaCsv } from '../knowledge/parse-qa-csv';
import { out, UsageError } from './output';

export const evalHelp = `  clara eval --kb KB.csv --queries QUERIES.csv [--out RESULTS.jsonl] [--threshold T]
             [--with-key [--model gpt-4o-mini]]
                                           answer quality on a fresh temporary database; --with-key
                                           answers with the model and embeddings at OPENAI_BASE_URL
                                           (OPENAI_API_KEY)`;

export interface EvalArgs {
  kb?: string | undefined;
  queries?: string | undefined;
  out?: string | undefined;
  threshold?: string | undefined;
  'with-key'?: boolean | undefined;
  model?: string | undefined;
}

/** A progress line on stderr every this many queries. */
const progressEvery = 20;

/** Parses an input file; a file that cannot be used is a usage mistake (exit 2), before any database opens. */
function readCsv<T>(file: string, parseText: (text: string) => T): T {
  const text = readText(file);
  try {
    return parseText(text);
  } catch (error) {
    if (isClaraError(error)) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
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
export async function evalCommand(args: EvalArgs, env: EvalConfig): Promise<EvalSummary> {
  if (!args.kb || !args.queries)
    throw new UsageError('clara eval needs --kb KB.csv and --queries QUERIES.csv');
  let threshold: number | undefined;
  if (args.threshold !== undefined) {
    threshold = Number(args.threshold);
    if (!Number.isFinite(threshold) || threshold < 0.5 || threshold > 0.95)
      throw new UsageError('--threshold must be between 0.5 and 0.95');
  }
  let withKey: EvalKey | undefined;
  if (args['with-key']) {
    const apiKey = env.openAiKey;
    if (!apiKey) {
      throw new UsageError(
        'clara eval --with-key needs OPENAI_API_KEY (and OPENAI_BASE_URL for an OpenAI-compatible endpoint other than OpenAI)',
      );
    }
    withKey = { apiKey, baseURL: env.openAiBaseUrl, model: args.model ?? 'gpt-4o-mini' };
  } else if (args.model !== undefined) throw new UsageError('--model goes with --with-key');
  const kb = readCsv(args.kb, parseQaCsv);
  const queries = readCsv(args.queries, parseQueriesCsv);
  const unmatched = unmatchedExpected(
    kb.rows.map((r) => r.pair.answer),
    queries,
  );
  if (unmatched.length > 0) {
    const rows = unmatched.slice(0, 5).map((q) => q.row);
    const more = unmatched.length > rows.length ? ', …' : '';
    out.note(
      `clara eval: warning: ${unmatched.length} of ${queries.length} expected answers match no answer in ${args.kb} (rows ${rows.join(', ')}${more} of ${args.queries}); they are scored as answered wrong. Copy each expected answer from the knowledge base, or leave it empty for a question it should not answer.`,
    );
  }
  const db = await openPglite();
  const results = args.out ? createWriteStream(args.out) : null;
  try {
    await migrate(db);
    out.note(`clara eval: ${kb.rows.length} pairs, ${queries.length} queries`);
    let asked = 0;
    const summary = await runEval({
      db,
      embedder: createLocalEmbedder(),
      kb,
      queries,
      threshold,
      withKey,
      beforeAsking: async () => out.note(`clara eval: ${kb.rows.length} pairs imported, asking the queries`),
      onResult: (line) => {
        results?.write(`${JSON.stringify(line)}\n`);
        // Progress on stderr (stdout stays the one summary JSON).
        asked += 1;
        if (asked % progressEvery === 0 || asked === queries.length)
          out.note(`clara eval: ${asked}/${queries.length} queries`);
      },
    });
    out.json(summary);
    return summary;
  } finally {
    if (results) await new Promise((resolve) => results.end(resolve));
    await db.close();
  }
}
