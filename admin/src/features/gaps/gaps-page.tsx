import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { Notice, PageHeader } from '../../components/page-header';
import { Link } from '../../lib/router';
import { useLoad } from '../../lib/use-load';
import { listCategories } from '../knowledge/knowledge-api';
import { GapCard } from './gap-card';
import { type GapStatus, listGaps } from './gaps-api';

const tabs: { status: GapStatus; label: string }[] = [
  { status: 'open', label: 'Open' },
  { status: 'resolved', label: 'Resolved' },
  { status: 'dismissed', label: 'Dismissed' },
];

/** Questions Clara could not answer confidently, turned into answers in one click. */
export function GapsPage() {
  const [status, setStatus] = useState<GapStatus>('open');
  const [notice, setNotice] = useState<string | null>(null);
  const gaps = useLoad(() => listGaps(status), status);
  const cats = useLoad(listCategories, 'categories');
  const items = gaps.data?.items ?? [];
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
            }}
          >
            {t.label} <span className="count">{gaps.data?.counts[t.status] ?? ''}</span>
          </button>
        ))}
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {gaps.error ? <Notice kind="error">{gaps.error}</Notice> : null}
      {gaps.data && items.length === 0 ? (
        status === 'open' ? (
          <EmptyState title="No open gaps" action={<Link to="/conversations">Read conversations</Link>}>
            When a visitor asks something your knowledge base does not cover, it lands here so you can answer
            it once.
          </EmptyState>
        ) : (
          <EmptyState title={`No ${status} gaps`} />
        )
      ) : null}
      <div className="gap-list">
        {items.map((g) => (
          <GapCard
            key={g.id}
            gap={g}
            categories={cats.data?.categories ?? ['general']}
            onChanged={(message) => {
              setNotice(message);
              gaps.reload();
            }}
          />
        ))}
      </div>
    </>
  );
}
