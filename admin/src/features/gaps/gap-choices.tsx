import { useState } from 'react';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { acceptChoice, type ChoiceToReview, dismissChoice } from './gaps-api';

/**
 * Visitors' choices: each "a visitor asking X picked Y" is a new wording of Y waiting for a
 * one-click yes (added as a phrasing, answered directly from then on) or no.
 */
export function GapChoices(props: { choices: ChoiceToReview[]; onChanged: (message: string) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (props.choices.length === 0) return null;

  const run = async (id: string, work: () => Promise<unknown>, message: string) => {
    setBusy(id);
    setError(null);
    try {
      await work();
      props.onChanged(message);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="choices-title">
      <h2 id="choices-title" className="section-title">
        Visitors’ choices
      </h2>
      <p className="muted small">
        When Clara was unsure it asked “Did you mean…?”, and the visitor picked a question. Add their wording
        as a phrasing and Clara answers it directly next time.
      </p>
      <ul className="choice-list">
        {props.choices.map((c) => (
          <li key={c.gap_id} className="choice">
            <p>
              A visitor asking <strong>“{c.question}”</strong> picked <em>“{c.chosen_question}”</em>
            </p>
            {c.narrower_by.length > 0 ? (
              <p className="small">
                “{c.question}” is broader: it does not say {c.narrower_by.map((w) => `“${w}”`).join(', ')}. As
                a phrasing, every visitor asking “{c.question}” would get the answer of “{c.chosen_question}”,
                whatever they meant.
              </p>
            ) : null}
            <div className="actions">
              <button
                type="button"
                className={c.narrower_by.length > 0 ? 'ghost small' : 'primary small'}
                disabled={busy !== null}
                onClick={() =>
                  void run(
                    c.gap_id,
                    () => acceptChoice(c.gap_id),
                    `“${c.question}” added as a phrasing of “${c.chosen_question}”.`,
                  )
                }
              >
                {c.narrower_by.length > 0 ? 'Add as a phrasing anyway' : 'Add as a phrasing'}
              </button>
              <button
                type="button"
                className="ghost small"
                disabled={busy !== null}
                aria-label={`Dismiss: ${c.question}`}
                onClick={() => void run(c.gap_id, () => dismissChoice(c.gap_id), 'Choice dismissed.')}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </section>
  );
}
