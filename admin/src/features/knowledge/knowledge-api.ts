import type { AdminPair, BulkRequest, Duplicate, ImportJob, PairRequest, RowError } from '@clara/contract';
import { api } from '../../lib/api';

export type { AdminPair, Duplicate, ImportJob, RowError };

export interface PairFilters {
  q: string;
  category: string;
  source: string;
  active: 'true' | 'false' | 'all';
  page: number;
}

export const pageSize = 25;

/** GET /admin/knowledge with the filters. */
export function listPairs(f: PairFilters) {
  const qs = new URLSearchParams({ active: f.active, page: String(f.page), page_size: String(pageSize) });
  if (f.q) qs.set('q', f.q);
  if (f.category) qs.set('category', f.category);
  if (f.source) qs.set('source', f.source);
  return api<{ items: AdminPair[]; total: number; phrasings: number }>('GET', `/admin/knowledge?${qs}`);
}

/** GET /admin/knowledge/:id: one pair (to edit the near-duplicate a save ran into). */
export const getPair = (id: string) => api<{ pair: AdminPair }>('GET', `/admin/knowledge/${id}`);

/** `categories`: to choose from (the workspace's own, `general` when it has none); `in_use`: those holding pairs. */
export const listCategories = () =>
  api<{ categories: string[]; in_use: string[] }>('GET', '/admin/knowledge/categories');

/**
 * An edit names the version it was made on (`expected_updated_at`: the pair's `updated_at` as
 * loaded): a pair changed since comes back as ApiError 409 with `body.current`.
 */
export type PairSave = PairRequest & { expected_updated_at?: string };

/**
 * Creates or edits a pair; a near-duplicate comes back as ApiError 409 with `body.duplicate`, an
 * edit of a pair changed since it was loaded as 409 with `body.current` (the pair now).
 */
export function savePair(id: string | null, body: PairSave) {
  return id
    ? api<{ pair: AdminPair }>('PATCH', `/admin/knowledge/${id}`, body)
    : api<{ pair: AdminPair }>('POST', '/admin/knowledge', body);
}

export const setActive = (id: string, active: boolean) =>
  active ? api('POST', `/admin/knowledge/${id}/restore`) : api('DELETE', `/admin/knowledge/${id}`);

export const bulk = (body: BulkRequest) => api<{ updated: number }>('POST', '/admin/knowledge/bulk', body);

/** What an import would do; `inactive`: of the valid rows, those that come in inactive (`is_active=false`). */
export interface ImportPreview {
  total: number;
  valid: number;
  inactive: number;
  errors: RowError[];
  /** Of `errors`, the rows already in the knowledge base, unchanged (a re-import); absent from older servers. */
  unchanged_rows?: number[];
  /** What the columns were read as separated by (the file's header shows which). */
  separator?: 'commas' | 'semicolons' | 'tabs';
  /** Rows repeating a pair's question with another answer or category (`changes`: the first 200). */
  changed: number;
  changes: ImportChange[];
}

/** A row of the file that would change a pair of the knowledge base, when the owner chooses to update. */
export interface ImportChange {
  row: number;
  id: string;
  question: string;
  answer: string;
  category: string;
  previous_answer: string;
  previous_category: string;
}

/** The chosen file is sent as it is (its bytes): the server reads UTF-8 and UTF-16 and says what to do with other encodings. */
export const previewImport = (csv: Blob) =>
  api<ImportPreview>('POST', '/admin/knowledge/import/preview', undefined, {
    raw: csv,
    contentType: 'text/csv',
  });

/** `update`: also update the pairs whose answer or category the file changes (the preview's `changes`). */
export const startImport = (csv: Blob, update = false) =>
  api<{ job: ImportJob }>('POST', `/admin/knowledge/import${update ? '?update=true' : ''}`, undefined, {
    raw: csv,
    contentType: 'text/csv',
  });

export const importStatus = (id: string) => api<{ job: ImportJob }>('GET', `/admin/knowledge/import/${id}`);

/** Removes an import's pairs except those edited since (`kept_edited` says how many stayed). */
export const undoImport = (batchId: string) =>
  api<{ deleted: number; kept_edited: number }>('DELETE', `/admin/knowledge/import-batches/${batchId}`);
