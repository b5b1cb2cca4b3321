import type { SqlExecutor } from '../database';

/**
 * Reserves one LLM answer for the workspace on `day` (YYYY-MM-DD, UTC) unless `cap`
 * answers were already given. One statement, so concurrent instances cannot overshoot.
 */
export async function reserveLlmAnswer(
  sql: SqlExecutor,
  workspaceId: string,
  day: string,
  cap: number,
): Promise<boolean> {
  if (cap <= 0) return false;
  const rows = await sql.query(
    `INSERT INTO llm_usage AS u (workspace_id, day, answers) VALUES ($1, $2::date, 1)
     ON CONFLICT (workspace_id, day) DO UPDATE SET answers = u.answers + 1, updated_at = now()
     WHERE u.answers < $3
     RETURNING answers`,
    [workspaceId, day, cap],
  );
  return rows.length > 0;
}

/** Gives back a reservation (the provider failed; the answer was extractive). */
export async function releaseLlmAnswer(sql: SqlExecutor, workspaceId: string, day: string): Promise<void> {
  await sql.query(
    `UPDATE llm_usage SET answers = greatest(answers - 1, 0), updated_at = now()
     WHERE workspace_id = $1 AND day = $2::date`,
    [workspaceId, day],
  );
}

/** LLM answers given on `day`. */
export async function llmAnswersOn(sql: SqlExecutor, workspaceId: string, day: string): Promise<number> {
  const [row] = await sql.query<{ answers: number }>(
    'SELECT answers FROM llm_usage WHERE workspace_id = $1 AND day = $2::date',
    [workspaceId, day],
  );
  return row?.answers ?? 0;
}
