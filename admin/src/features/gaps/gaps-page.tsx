import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { Notice, PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { Link } from '../../lib/router';
import { useLoad } from '../../lib/use-load';
import { listCategories } from '../knowledge/knowledge-api';
import { GapCard } from './gap-card';
import { GapChoices } from './gap-choices';
import { GapGroupCard } from './gap-group-card';
import { type GapStatus, listChoicesToReview, listGapGroups, listGaps, type OnChanged } from './gaps-api';
import './gaps.css';
import './gap-inbox.css';

const tabs: { status: GapStatus; label: string }[] = [
  { status: 'open', label: 'Open' },
  { status: 'resolved', label: 'Resolved' },
  { status: 'dismissed', label: 'Dismissed' },
];

/** Questions Clara could not answer confidently, turned into answers in one click. */
export function GapsPage() {
  const [status, setStatus] = useState<GapStatus>('open');
  const [notice, setNotice] = useState<{ message: string; undo?: () => Promise<unknown> } | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);
  const gaps = useLoad(
    async () =>
      status === 'open'
        ? { items: [], ...(await listGapGroups()) }
        : { groups: [], ...(await listGaps(status)) },
    `gaps:${status}`,
  );
  const cats = useLoad(listCategories, 'categories');
  const choices = useLoad(listChoicesToReview, 'gaps:choices');
  const queries = useQueryClient();
  const items = gaps.data?.items ?? [];
  const groups = gaps.data?.groups ?? [];
  // The workspace's own categories first (those holding pairs), then `general` when it has none.
  const inUse = cats.data?.in_use ?? [];
  const categories = [...inUse, ...(cats.data?.categories ?? ['general']).filter((c) => !inUse.includes(c))];
  const changed: OnChanged = (message, undo) => {
    setNotice(undo ? { message, undo } : { message });
    setUndoError(null);
    // Every tab's list (a reopened gap moves from Dismissed to Open), not only the one shown.
    void queries.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('gaps:') });
  };
  const undo = async (action?: () => Promise<unknown>) => {
    if (!action) return;
    setUndoing(true);
    try {
      await action();
      changed('Undone: the dismissed questions are back in Open.');
    } catch (err) {
      setUndoError(errorMessage(err));
    } finally {
      setUndoing(false);
    }
  };
  return (
    <>
      <PageHeader title="Gap inbox" description="Visitor questions Clara had no confident answer for." />
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.status}
            type="button"
            role="tab"
            aria-selected={status === t.status}
            className={status === t.status ? 'tab active' : 'tab'}
            onClick={() => {
              setStatus(t.status);
              setNotice(null);
              setUndoError(null);
            }}
          >
            {t.label} <span className="count">{gaps.data?.counts[t.status] ?? ''}</span>
          </button>
        ))}
      </div>
      {notice ? (
        <Notice kind="success">
          {notice.message}
          {notice.undo ? (
            <>
              {' '}
              <button
                type="button"
                className="ghost small"
                disabled={undoing}
                onClick={() => void undo(notice.undo)}
              >
                Undo
              </button>
            </>
          ) : null}
        </Notice>
      ) : null}
      {undoError ? <Notice kind="error">{undoError}</Notice> : null}
      {gaps.error ? <Notice kind="error">{gaps.error}</Notice> : null}
      {status === 'open' ? <GapChoices choices={choices.data?.choices ?? []} onChanged={changed} /> : null}
      {gaps.data && items.length === 0 && groups.length === 0 ? (
        status === 'open' ? (
          <EmptyState title="No open gaps" action={<Link to="/conversations">Read conversations</Link>}>
            When a visitor asks something your knowledge base does not cover, it lands here so you can answer
            it once.
          </EmptyState>
        ) : (
          <EmptyState title={`No ${status} gaps`} />
        )
      ) : null}
      {groups.length > 0 ? (
        <>
          <h2 className="section-title">Questions to answer</h2>
          <p className="muted small">
            Similar questions are grouped: answer a group once and every question in it is resolved.
          </p>
        </>
      ) : null}
      {items.length > 0 ? (
        <h2 className="sr-only">{status === 'resolved' ? 'Resolved' : 'Dismissed'} questions</h2>
      ) : null}
      <div className="gap-list">
        {groups.map((g) => (
          <GapGroupCard
            key={`${g.id}:${g.gaps.length}`}
            group={g}
            categories={categories}
            onChanged={changed}
          />
        ))}
        {items.map((g) => (
          <GapCard key={g.id} gap={g} categories={categories} onChanged={changed} />
        ))}
      </div>
    </>
  );
}
