import type { SqlExecutor } from '../database';

/** An owner's active pair as the gap inbox names it. */
export interface LivePair {
  id: string;
  question: string;
}

/** What `livePairs` found: by the ids the engine ranked, and by the questions its chips showed. */
export interface LivePairs {
  /** Each id's owner pair: the pair itself, or the active pair a phrasing phrases (absent: neither). */
  byId: Map<string, LivePair>;
  /** Each question's active pair (not a phrasing): how a "Did you mean…?" chip names its pair. */
  byQuestion: Map<string, LivePair>;
}

/**
 * The active pairs behind a gap group's live engine run, in one query: the ranked ids (a phrasing
 * stands for the active pair it phrases) and the chip questions (an owner's question, exactly).
 */
export async function livePairs(
  sql: SqlExecutor,
  workspaceId: string,
  ids: readonly string[],
  questions: readonly string[],
): Promise<LivePairs> {
  const found: LivePairs = { byId: new Map(), byQuestion: new Map() };
  if (ids.length === 0 && questions.length === 0) return found;
  const rows = await sql.query<{
    id: string;
    question: string;
    pair_id: string | null;
    pair_question: string | null;
    phrasing: boolean;
  }>(
    `SELECT p.id, p.question, p.metadata->>'phrasing_of' IS NOT NULL AS phrasing,
            CASE WHEN p.metadata->>'phrasing_of' IS NOT NULL THEN t.id ELSE p.id END AS pair_id,
            CASE WHEN p.metadata->>'phrasing_of' IS NOT NULL THEN t.question ELSE p.question END AS pair_question
       FROM qa_pairs p
       LEFT JOIN qa_pairs t
         ON t.workspace_id = p.workspace_id AND t.is_active
        AND t.id = CASE WHEN p.metadata->>'phrasing_of' ~ '^[0-9a-fA-F-]{36}$'
                        THEN (p.metadata->>'phrasing_of')::uuid END
      WHERE p.workspace_id = $1 AND p.is_active
        AND (p.id = ANY($2::uuid[]) OR (p.question = ANY($3::text[]) AND p.metadata->>'phrasing_of' IS NULL))`,
    [workspaceId, [...new Set(ids)], [...new Set(questions)]],
  );
  const wanted = new Set(ids);
  for (const r of rows) {
    if (r.pair_id && r.pair_question !== null && wanted.has(r.id)) {
      found.byId.set(r.id, { id: r.pair_id, question: r.pair_question });
    }
    if (!r.phrasing && !found.byQuestion.has(r.question))
      found.byQuestion.set(r.question, { id: r.id, question: r.question });
  }
  return found;
}
