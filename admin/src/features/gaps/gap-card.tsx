import { pairFormSchema } from '@clara/contract';
import { type FormEvent, useState } from 'react';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { formatDateTime as when } from '../../lib/format-date';
import { AskedByLine } from './asked-by';
import { CategoryField } from './category-field';
import { answerSavedNotice, dismissGap, type Gap, linkGap, reopenGap, resolveGap } from './gaps-api';
import { tidyQuestion } from './tidy-question';

/** One gap: what was asked, what Clara said, and the ways to close it. */
export function GapCard(props: { gap: Gap; categories: string[]; onChanged: (message: string) => void }) {
  const { gap } = props;
  const [answering, setAnswering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(work: () => Promise<T>, message: string | ((result: T) => string)) => {
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      props.onChanged(typeof message === 'string' ? message : message(result));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = pairFormSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the form.');
    void run(
      () => resolveGap(gap.id, parsed.data),
      (written) => answerSavedNotice(written, 'Answer added: Clara will answer this question from now on.'),
    );
  }

  return (
    <article className="card gap">
      <div className="gap-head">
        <h3>{gap.question}</h3>
        <span className="muted small">
          {when(gap.created_at)}
          <AskedByLine askedBy={gap.asked_by} />
        </span>
      </div>
      {gap.ai_answer ? (
        <p className="muted small">
          <strong>Clara said:</strong> {gap.ai_answer}
        </p>
      ) : null}
      {gap.resolved_by ? (
        <p className="small resolved-with">
          {gap.resolved_by === 'visitor' ? (
            <>
              <span className="badge visitor">Visitor’s pick</span> The visitor chose this question in the
              chat:{' '}
            </>
          ) : (
            <>
              <span className="badge">Your answer</span> Answered in the inbox with:{' '}
            </>
          )}
          {gap.resolved_qa ? (
            <em>{gap.resolved_qa.question}</em>
          ) : (
            <span className="muted">a pair since deleted</span>
          )}
        </p>
      ) : null}
      {gap.status === 'dismissed' && gap.asks_since_dismissed > 0 ? (
        <p className="muted small asked-since-dismissed">
          Asked {gap.asks_since_dismissed === 1 ? 'once' : `${gap.asks_since_dismissed} times`} since you
          dismissed it (last {when(gap.last_asked_at)}); still dismissed.
        </p>
      ) : null}
      {gap.status === 'dismissed' ? (
        <div className="actions">
          <button
            type="button"
            className="ghost small"
            disabled={busy}
            onClick={() => void run(() => reopenGap(gap.id), `Reopened: “${gap.question}” is back in Open.`)}
          >
            Reopen
          </button>
        </div>
      ) : null}
      {gap.status === 'open' && !answering ? (
        <div className="actions">
          <button type="button" className="primary small" onClick={() => setAnswering(true)}>
            Answer this
          </button>
          {gap.offered_pairs.map((p) => (
            <button
              key={p.id}
              type="button"
              className="ghost small"
              disabled={busy}
              onClick={() => void run(() => linkGap(gap.id, p.id), 'Linked to the existing answer.')}
            >
              Use the answer of “{p.question}”
            </button>
          ))}
          <button
            type="button"
            className="ghost small"
            disabled={busy}
            onClick={() => void run(() => dismissGap(gap.id), 'Gap dismissed.')}
          >
            Dismiss
          </button>
        </div>
      ) : null}
      {answering ? (
        <form className="form inline-form" onSubmit={submit}>
          <label>
            Question
            <input name="question" defaultValue={tidyQuestion(gap.question)} />
          </label>
          <label>
            Answer
            <textarea name="answer" rows={4} placeholder="Write the answer Clara should give." />
          </label>
          <CategoryField categories={props.categories} />
          <div className="form-actions">
            <button type="button" className="ghost small" onClick={() => setAnswering(false)}>
              Cancel
            </button>
            <button type="submit" className="primary small" disabled={busy}>
              Save answer
            </button>
          </div>
        </form>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </article>
  );
}
