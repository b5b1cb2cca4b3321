import type { EvalQuery } from './read-queries-csv';

const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The queries whose expected answer is no answer of the knowledge base (compared as the summary
 * scores them: trimmed, case and runs of spaces ignored). Such a query can never be scored right,
 * so it is counted as answerable-but-wrong: a sign the queries file does not belong to this KB.
 */
export function unmatchedExpected(kbAnswers: readonly string[], queries: readonly EvalQuery[]): EvalQuery[] {
  const answers = new Set(kbAnswers.map(norm));
  return queries.filter((q) => q.expected_answer !== null && !answers.has(norm(q.expected_answer)));
}
