import type { SqlExecutor } from '../database';
import { importRow } from './admin-pairs';

/** A pair as the CSV export writes it. */
export interface ExportPair {
  question: string;
  answer: string;
  category: string;
  /** The pair's source, or `gap_inbox` for a phrasing (as the Knowledge list shows it: "Gap inbox"). */
  source: string;
  is_active: boolean;
  /** A phrasing (a visitor's wording kept from the gap inbox): the question of the pair it phrases; else null. */
  phrasing_of: string | null;
}

/**
 * Every pair of the workspace, oldest first (an import's pairs in file order), for the CSV
 * export: the owner's pairs and the phrasings, each with the question of the pair it phrases
 * (`phrasing_of`, which the import reads back as a phrasing of that pair). A phrasing whose pair
 * is gone answers nothing and is left out. A phrasing's `source` is `gap_inbox`, whatever its row
 * was saved with: the Knowledge list shows every phrasing as from the "Gap inbox".
 */
export async function listPairsForExport(sql: SqlExecutor, workspaceId: string): Promise<ExportPair[]> {
  return sql.query<ExportPair>(
    `SELECT p.question, p.answer, p.category,
            CASE WHEN t.id IS NULL THEN p.source::text ELSE 'gap_inbox' END AS source, p.is_active, t.question AS phrasing_of
       FROM qa_pairs p
       LEFT JOIN qa_pairs t ON t.workspace_id = p.workspace_id
        AND t.id = CASE WHEN p.metadata->>'phrasing_of' ~ '^[0-9a-fA-F-]{36}$'
                        THEN (p.metadata->>'phrasing_of')::uuid END
      WHERE p.workspace_id = $1 AND (p.metadata->>'phrasing_of' IS NULL OR t.id IS NOT NULL)
      ORDER BY p.created_at, ${importRow.replaceAll('metadata', 'p.metadata')} NULLS LAST, p.id`,
    [workspaceId],
  );
}
