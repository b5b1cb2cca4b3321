import type { Candidate } from './transcripts-api';

/** A proposal under review: the owner's edits and whether it is kept. */
export interface Draft {
  /** Stable React key for the review list. */
  id: string;
  candidate: Candidate;
  question: string;
  answer: string;
  category: string;
  keep: boolean;
}

/** One proposed pair: keep or drop it, edit it, and see the existing pair it overlaps. */
export function CandidateCard(props: { draft: Draft; onChange: (draft: Draft) => void }) {
  const { draft, onChange } = props;
  const c = draft.candidate;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const who = [c.asked_by && `asked by ${c.asked_by}`, c.answered_by && `answered by ${c.answered_by}`]
    .filter(Boolean)
    .join(', ');
  return (
    <div className={draft.keep ? 'candidate' : 'candidate off'} data-testid="candidate">
      <div className="candidate-head">
        <input
          type="checkbox"
          style={{ width: 'auto', margin: 0 }}
          checked={draft.keep}
          aria-label={`Keep “${c.question}”`}
          onChange={(e) => set({ keep: e.target.checked })}
        />
        {c.covered_by ? (
          <span className="badge warn">Already covered</span>
        ) : (
          <span className="badge ok">New</span>
        )}
        <span className="meta muted small">
          {who}
          {c.line ? ` · line ${c.line}` : ''}
        </span>
      </div>
      <input
        aria-label="Proposed question"
        value={draft.question}
        onChange={(e) => set({ question: e.target.value })}
      />
      <textarea
        aria-label="Proposed answer"
        rows={3}
        value={draft.answer}
        onChange={(e) => set({ answer: e.target.value })}
      />
      <input
        aria-label="Proposed category"
        value={draft.category}
        onChange={(e) => set({ category: e.target.value })}
      />
      {c.covered_by ? (
        <div className="muted small">
          {Math.round(c.covered_by.similarity * 100)}% similar to: <strong>{c.covered_by.question}</strong> —{' '}
          {c.covered_by.answer}
        </div>
      ) : null}
    </div>
  );
}
