import { useState } from 'react';
import { Notice } from '../../components/page-header';
import { api, errorMessage } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { setActive } from './knowledge-api';

interface Phrasing {
  id: string;
  question: string;
  created_at: string;
}

/** The visitors' wordings added as phrasings of this pair (from the gap inbox), each removable. */
export function PhrasingsList(props: { pairId: string }) {
  const list = useLoad(
    () => api<{ phrasings: Phrasing[] }>('GET', `/admin/knowledge/${props.pairId}/phrasings`),
    `phrasings:${props.pairId}`,
  );
  const [error, setError] = useState<string | null>(null);
  const phrasings = list.data?.phrasings ?? [];
  if (phrasings.length === 0) return null;
  const remove = async (id: string) => {
    setError(null);
    try {
      await setActive(id, false);
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="phrasings" aria-labelledby="phrasings-title">
      <h3 id="phrasings-title">Visitors’ wordings answered by this pair</h3>
      <ul>
        {phrasings.map((p) => (
          <li key={p.id}>
            <span>“{p.question}”</span>
            <button
              type="button"
              className="ghost small"
              aria-label={`Remove the wording: ${p.question}`}
              onClick={() => void remove(p.id)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </section>
  );
}
