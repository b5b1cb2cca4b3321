import type { SqlExecutor } from '../database';
import { importRow } from './admin-pairs';

/** A pair as the CSV export writes it. */
export interface ExportPair {
  question: string;
  answer: string;
  category: string;
  source: string;
  is_active: boolean;
  /** A phrasing (a visitor's wording kept from the gap inbox): the question of the pair it phrases; else null. */
  phrasing_of: string | null;
}

/**
 * Every pair of the workspace, oldest first (an import's pairs in file order), for the CSV
 * export: the owner's pairs and the phrasings, each with the question of the pair it phrases
 * (`phrasing_of`, which the import reads back as a phrasing of that pair). A phrasing whose pair
 * is gone answers nothing and is left out.
 */
export async function listPairsForExport(sql: SqlExecutor, workspaceId: string): Promise<ExportPair[]> {
  return sql.query<ExportPair>(
    `SELECT p.question, p.answer, p.category, p.source, p.is_active, t.question AS phrasing_of
       FROM qa_pairs p
       LEFT JOIN qa_pairs t ON t.workspace_id = p.workspace_id
        AND t.id = CASE WHEN p.metadata->>'phrasing_of' ~ '^[0-9a-fA-F-]{36}$'
                        THEN (p.metadata->>'phrasing_of')::uuid END
      WHERE p.workspace_id = $1 AND (p.metadata->>'phrasing_of' IS NULL OR t.id IS NOT NULL)
      ORDER BY p.created_at, ${importRow.replaceAll('metadata', 'p.metadata')} NULLS LAST, p.id`,
    [workspaceId],
  );
}
