import { useState } from 'react';
import { DownloadButton } from '../../components/download-button';
import { EmptyState } from '../../components/empty-state';
import { Notice, PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format-date';
import { Link, navigate, usePath } from '../../lib/router';
import { useLoad } from '../../lib/use-load';
import { listConversations } from './conversations-api';
import { Transcript } from './transcript';
import './conversations.css';

/** Conversations list with filters, and the selected transcript beside it. */
export function ConversationsPage() {
  const path = usePath();
  const selected = path.split('/')[2] ?? null;
  const [filters, setFilters] = useState({ escalated: '', had_gap: '', page: 1 });
  const [deleted, setDeleted] = useState(false);
  const list = useLoad(() => listConversations(filters), `conversations:${JSON.stringify(filters)}`);
  const items = list.data?.items ?? [];
  const filtered = filters.escalated !== '' || filters.had_gap !== '';
  return (
    <>
      <PageHeader title="Conversations" description="What visitors asked and how Clara answered." />
      <div className="toolbar">
        <select
          value={filters.had_gap}
          onChange={(e) => setFilters({ ...filters, had_gap: e.target.value, page: 1 })}
          aria-label="Gaps"
        >
          <option value="">With or without gaps</option>
          <option value="true">Had a gap</option>
          <option value="false">No gaps</option>
        </select>
        <select
          value={filters.escalated}
          onChange={(e) => setFilters({ ...filters, escalated: e.target.value, page: 1 })}
          aria-label="Asked for a person"
        >
          <option value="">Asked for a person or not</option>
          <option value="true">Asked for a person</option>
          <option value="false">Did not ask for a person</option>
        </select>
        <span className="toolbar-end">
          <DownloadButton
            path="/admin/conversations/export.csv"
            fileName="clara-conversations.csv"
            label="Export CSV"
          />
          <DownloadButton
            path="/admin/conversations/export.json"
            fileName="clara-conversations.json"
            label="Export JSON"
          />
        </span>
      </div>
      {deleted && !selected ? <Notice kind="success">Conversation deleted.</Notice> : null}
      {list.error ? <Notice kind="error">{list.error}</Notice> : null}
      {list.data && items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No conversations match' : 'No conversations yet'}
          action={filtered ? null : <Link to="/install">Install the widget</Link>}
        >
          {filtered ? 'Try other filters.' : 'Conversations appear here as soon as visitors chat with Clara.'}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="split">
          <ul className="card flush conv-list">
            {items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={selected === c.id ? 'conv active' : 'conv'}
                  onClick={() => navigate(`/conversations/${c.id}`)}
                >
                  <span className="q">{c.first_question ?? '(no question)'}</span>
                  <span className="muted small">
                    {formatDateTime(c.updated_at)} · {c.message_count} messages
                    {c.open_gap_count > 0
                      ? ` · ${c.open_gap_count} open gap${c.open_gap_count === 1 ? '' : 's'}`
                      : ''}
                    {c.escalated
                      ? ' · asked for a person'
                      : c.booking_offered
                        ? ' · booking link offered'
                        : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <section className="card">
            {selected ? (
              <Transcript
                id={selected}
                onDeleted={() => {
                  navigate('/conversations');
                  list.reload();
                  setDeleted(true);
                }}
              />
            ) : (
              <p className="muted">Choose a conversation to read it.</p>
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}
