import { useEffect, useState } from 'react';
import { DownloadButton } from '../../components/download-button';
import { EmptyState } from '../../components/empty-state';
import { Notice, PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { ImportDialog } from './import-dialog';
import {
  type AdminPair,
  bulk,
  getPair,
  listCategories,
  listPairs,
  type PairFilters,
  pageSize,
  setActive,
} from './knowledge-api';
import { MoveToCategory } from './move-to-category';
import { pairCountText } from './pair-counts';
import { PairDialog } from './pair-dialog';
import { PairsTable, sourceLabel } from './pairs-table';
import { TranscriptDialog } from './transcript-dialog';

/** How long a success message ("Saved.") stays up when nothing else happens. */
const noticeMs = 6000;

/** The knowledge base: search, filters, create/edit, soft delete and restore, bulk actions, CSV. */
export function KnowledgePage() {
  const [filters, setFilters] = useState<PairFilters>({
    q: '',
    category: '',
    source: '',
    active: 'all',
    page: 1,
  });
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<AdminPair | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  const [fromTranscript, setFromTranscript] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useLoad(() => listPairs(filters), `knowledge:${JSON.stringify(filters)}`);
  const cats = useLoad(listCategories, 'categories');
  const categories = cats.data?.categories ?? [];
  // The filter offers only categories that hold pairs (and the one chosen): others find nothing.
  const filterCategories = [
    ...new Set([...(cats.data?.in_use ?? []), ...(filters.category ? [filters.category] : [])]),
  ].sort((x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' }));

  // A success message answers the last action: it goes after a few seconds, or at the next action.
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), noticeMs);
    return () => clearTimeout(t);
  }, [notice]);

  // Search as you type, a little after the last key.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.q === search ? f : { ...f, q: search, page: 1 })), 250);
    return () => clearTimeout(t);
  }, [search]);

  const set = (patch: Partial<PairFilters>) => {
    setNotice(null);
    setSelected(new Set());
    setFilters((f) => ({ ...f, page: 1, ...patch }));
  };
  const refresh = () => {
    list.reload();
    cats.reload();
  };
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      setSelected(new Set());
      refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const phrasings = list.data?.phrasings ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = filters.q || filters.category || filters.source || filters.active !== 'all';

  return (
    <>
      <PageHeader
        title="Knowledge"
        description="The questions and answers Clara answers from."
        actions={
          <>
            <DownloadButton
              path="/admin/knowledge/export.csv"
              fileName="clara-knowledge.csv"
              label="Export CSV"
            />
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setNotice(null);
                setImporting(true);
              }}
            >
              Import CSV
            </button>
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setNotice(null);
                setFromTranscript(true);
              }}
            >
              From a call transcript
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setNotice(null);
                setEditing('new');
              }}
            >
              Add pair
            </button>
          </>
        }
      />
      <div className="toolbar">
        <input
          type="search"
          placeholder="Search questions and answers…"
          value={search}
          onChange={(e) => {
            setNotice(null);
            setSearch(e.target.value);
          }}
          aria-label="Search"
        />
        <select
          value={filters.category}
          onChange={(e) => set({ category: e.target.value })}
          aria-label="Category"
        >
          <option value="">All categories</option>
          {filterCategories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select value={filters.source} onChange={(e) => set({ source: e.target.value })} aria-label="Source">
          <option value="">All sources</option>
          {Object.entries(sourceLabel).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
          {/* Visitors' wordings read "Gap inbox" in the table: the filter finds them there. */}
          <option value="gap_inbox">Gap inbox</option>
        </select>
        <select
          value={filters.active}
          onChange={(e) => set({ active: e.target.value as PairFilters['active'] })}
          aria-label="State"
        >
          <option value="all">Active and inactive</option>
          <option value="true">Active only</option>
          <option value="false">Inactive only</option>
        </select>
      </div>
      {selected.size > 0 ? (
        <div className="bulk-bar">
          <span>{selected.size} selected</span>
          <button
            type="button"
            className="ghost small"
            onClick={() => void act(() => bulk({ action: 'activate', ids: [...selected] }), 'Activated.')}
          >
            Activate
          </button>
          <button
            type="button"
            className="ghost small"
            onClick={() => void act(() => bulk({ action: 'deactivate', ids: [...selected] }), 'Deactivated.')}
          >
            Deactivate
          </button>
          <MoveToCategory
            categories={categories}
            onMove={(category) =>
              void act(
                () => bulk({ action: 'recategorise', ids: [...selected], category }),
                `Moved to ${category}.`,
              )
            }
          />
        </div>
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error || list.error ? <Notice kind="error">{error ?? list.error}</Notice> : null}
      {list.data && items.length === 0 ? (
        filtered ? (
          <EmptyState title="No pairs match these filters">
            Try another search or clear the filters.
          </EmptyState>
        ) : (
          <EmptyState
            title="Your knowledge base is empty"
            action={
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setNotice(null);
                    setEditing('new');
                  }}
                >
                  Add your first pair
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => {
                    setNotice(null);
                    setImporting(true);
                  }}
                >
                  Import a CSV
                </button>
              </div>
            }
          >
            Clara answers visitors from these questions and answers. Start with the questions you hear most
            often.
          </EmptyState>
        )
      ) : null}
      {items.length > 0 ? (
        <div className="card flush">
          <PairsTable
            items={items}
            selected={selected}
            onSelect={setSelected}
            onEdit={setEditing}
            onToggleActive={(p) =>
              void act(() => setActive(p.id, !p.is_active), p.is_active ? 'Deactivated.' : 'Restored.')
            }
          />
          <div className="pager">
            <span className="muted small">
              {pairCountText(total - phrasings, phrasings)} · page {filters.page} of {pages}
            </span>
            <button
              type="button"
              className="ghost small"
              disabled={filters.page <= 1}
              onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}
            >
              Previous
            </button>
            <button
              type="button"
              className="ghost small"
              disabled={filters.page >= pages}
              onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}
            >
              Next
            </button>
          </div>
        </div>
      ) : null}
      <PairDialog
        open={editing !== null}
        pair={editing === 'new' ? null : editing}
        categories={categories}
        onClose={() => setEditing(null)}
        onEditExisting={(id) => {
          setError(null);
          getPair(id).then(
            ({ pair }) => setEditing(pair),
            (err) => {
              setEditing(null);
              setError(errorMessage(err));
            },
          );
        }}
        onSaved={() => {
          setEditing(null);
          setNotice('Saved.');
          refresh();
        }}
      />
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={refresh} />
      <TranscriptDialog open={fromTranscript} onClose={() => setFromTranscript(false)} onSaved={refresh} />
    </>
  );
}
