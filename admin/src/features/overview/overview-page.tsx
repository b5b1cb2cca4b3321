import type { Overview } from '@clara/contract';
import { EmptyState } from '../../components/empty-state';
import { Notice, PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { useLoad } from '../../lib/use-load';
import { wordingsText } from '../knowledge/pair-counts';
import { DailyChart } from './daily-chart';
import './overview.css';

function Stat(props: { label: string; value: string | number; to?: string; hint?: string }) {
  const body = (
    <>
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
      {props.hint ? <div className="muted small">{props.hint}</div> : null}
    </>
  );
  return props.to ? (
    <Link to={props.to} className="card stat">
      {body}
    </Link>
  ) : (
    <div className="card stat">{body}</div>
  );
}

/** Counts and the answered vs gap chart. */
export function OverviewPage() {
  const { data, error } = useLoad(() => api<Overview>('GET', '/admin/overview'), 'overview');
  const rate = data?.answer_rate_7d;
  return (
    <>
      <PageHeader title="Overview" description="How Clara is doing over the last days." />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {data ? (
        <>
          <div className="stats">
            <Stat
              label="Q&A pairs"
              value={data.active_pairs}
              hint={`${wordingsText(data.phrasings)} · ${data.pairs - data.active_pairs} inactive`}
              to="/knowledge"
            />
            <Stat
              label="Open gaps"
              value={data.open_gaps}
              to="/gaps"
              hint="Questions Clara could not answer"
            />
            <Stat label="Conversations (7 days)" value={data.conversations_7d} to="/conversations" />
            <Stat
              label="Answered (7 days)"
              value={rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`}
              hint={`${data.answered_7d} answered, ${data.gaps_7d} gap${data.gaps_7d === 1 ? '' : 's'}`}
            />
          </div>
          <section className="card">
            <div className="card-head">
              <h2>Answers and gaps per day, last {data.per_day.length} days</h2>
              <div className="legend">
                <span className="swatch answered" /> answered <span className="swatch gap" /> gap
              </div>
            </div>
            {data.per_day.some((d) => d.answered + d.gaps > 0) ? (
              <DailyChart days={data.per_day} />
            ) : (
              <EmptyState
                title="No visitor questions yet"
                action={<Link to="/install">Install the widget</Link>}
              >
                Once visitors chat with Clara, you will see answered questions and gaps here.
              </EmptyState>
            )}
          </section>
          {data.pairs === 0 ? (
            <Notice kind="info">
              Your knowledge base is empty. <Link to="/knowledge">Add your first Q&amp;A pairs</Link> or
              import a CSV.
            </Notice>
          ) : null}
        </>
      ) : null}
    </>
  );
}
