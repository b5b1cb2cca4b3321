import { useState } from 'react';
import { Notice } from '../../components/page-header';
import { api, errorMessage } from '../../lib/api';

type Kind = 'answer' | 'clarify' | 'gap';
interface Replayed {
  question: string;
  asks: number;
  confidence: number;
  kind: Kind;
  current: Kind;
  /** The question of the pair it would be answered with (else null), and today's. */
  answered_with: string | null;
  current_answered_with: string | null;
}
interface Replay {
  threshold: number;
  current_threshold: number;
  considered: number;
  days: number;
  answered: number;
  clarified: number;
  gaps: number;
  current: { answered: number; clarified: number; gaps: number };
  examples: Record<Kind, Replayed[]>;
  changed: Replayed[];
}

const kindLabel: Record<Kind, string> = {
  answer: 'answered',
  clarify: '“Did you mean…?”',
  gap: 'filed as a gap',
};

function Examples(props: { title: string; items: Replayed[] }) {
  if (props.items.length === 0) return null;
  return (
    <div className="replay-examples">
      <h4>{props.title}</h4>
      <ul>
        {props.items.map((e) => (
          <li key={e.question}>
            “{e.question}”{e.asks > 1 ? <span className="muted"> ×{e.asks}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Tries a threshold on the workspace's recent visitor questions (the real engine, replayed on
 * the server; nothing stored) before the owner saves it.
 */
export function ThresholdReplay(props: { threshold: number }) {
  const [result, setResult] = useState<Replay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api<Replay>('POST', '/admin/threshold-replay', { threshold: props.threshold, limit: 500 }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const stale = result !== null && result.threshold !== props.threshold;
  return (
    <div className="threshold-replay">
      <button type="button" className="ghost small" disabled={busy} onClick={() => void run()}>
        {busy ? 'Replaying…' : `Try ${props.threshold.toFixed(2)} on recent questions`}
      </button>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? (
        <output className={stale ? 'replay-result stale' : 'replay-result'} aria-live="polite">
          {result.considered === 0 ? (
            <p className="small">No visitor questions in the last {result.days} days to replay yet.</p>
          ) : (
            <>
              <p className="small">
                Of the last {result.considered} visitor questions, at{' '}
                <strong>{result.threshold.toFixed(2)}</strong> Clara would have:
              </p>
              <ul className="replay-counts">
                <li>
                  <strong>{result.answered}</strong> answered
                </li>
                <li>
                  <strong>{result.clarified}</strong> asked “Did you mean…?”
                </li>
                <li>
                  <strong>{result.gaps}</strong> filed as {result.gaps === 1 ? 'a gap' : 'gaps'}
                </li>
              </ul>
              <p className="muted small">
                At the saved {result.current_threshold.toFixed(2)}: {result.current.answered} answered,{' '}
                {result.current.clarified} “Did you mean…?”, {result.current.gaps}{' '}
                {result.current.gaps === 1 ? 'gap' : 'gaps'}.
                {stale ? ' The slider has moved since: try again.' : ''}
              </p>
              <Examples title="Answered, for example" items={result.examples.answer} />
              <Examples title="“Did you mean…?”, for example" items={result.examples.clarify} />
              <Examples title="Gaps, for example" items={result.examples.gap} />
              {result.changed.length > 0 ? (
                <div className="replay-examples">
                  <h4>Would change ({result.changed.length})</h4>
                  <ul>
                    {result.changed.slice(0, 10).map((c) => (
                      <li key={c.question}>
                        “{c.question}”: {kindLabel[c.current]}
                        {c.current_answered_with ? ` with “${c.current_answered_with}”` : ''} →{' '}
                        <strong>
                          {kindLabel[c.kind]}
                          {c.answered_with ? ` with “${c.answered_with}”` : ''}
                        </strong>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </>
          )}
        </output>
      ) : null}
    </div>
  );
}
