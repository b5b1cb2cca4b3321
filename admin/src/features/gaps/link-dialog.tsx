import { useEffect, useId, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { useLoad } from '../../lib/use-load';
import { searchPairsToLink } from './gaps-api';

/** How long typing pauses before the knowledge base is searched. */
const searchDelayMs = 250;

/**
 * Picks any active pair of the knowledge base to answer a gap (or group) with: a search box over
 * the questions and answers by words (every typed word, any order; pairs whose question has them
 * first; the newest pairs before anything is typed), one Link button a pair.
 */
export function LinkDialog(props: {
  open: boolean;
  /** The visitor's wording, shown so the owner knows what they link. */
  question: string;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onPick: (pair: { id: string; question: string }) => void;
}) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const inputId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), searchDelayMs);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useLoad(() => searchPairsToLink(query), `gaps:link-search:${query}`);
  const items = found.data?.items ?? [];
  return (
    <Dialog title="Link to an existing answer" open={props.open} onClose={props.onClose} wide>
      <div className="link-dialog">
        <p className="muted small">
          Clara will answer “{props.question}” with the answer you pick; the wording is kept as a phrasing of
          it.
        </p>
        <label htmlFor={inputId}>Search the knowledge base</label>
        <input
          id={inputId}
          type="search"
          value={typed}
          placeholder="Words from a question or answer, in any order"
          onChange={(e) => setTyped(e.target.value)}
        />
        {found.error ? <Notice kind="error">{found.error}</Notice> : null}
        {found.data && items.length === 0 ? (
          <div className="muted small" role="status">
            {query ? (
              <>
                <p>No active pair has all of the words “{query}” in its question or answer.</p>
                <p>
                  Try fewer words, or words the answer itself would use; or close this and answer the question
                  yourself.
                </p>
              </>
            ) : (
              <p>The knowledge base has no active pair yet: close this and answer the question yourself.</p>
            )}
          </div>
        ) : null}
        <ul className="link-results" aria-label="Matching pairs">
          {items.map((p) => (
            <li key={p.id} className="link-result">
              <div>
                <p className="link-q">{p.question}</p>
                {p.phrasing_of ? (
                  <p className="muted small">A phrasing of “{p.phrasing_of.question}”: links to it.</p>
                ) : null}
                <p className="muted small link-a">{p.answer}</p>
              </div>
              <button
                type="button"
                className="primary small"
                disabled={props.busy}
                aria-label={`Link to “${p.question}”`}
                onClick={() => props.onPick(p)}
              >
                Link
              </button>
            </li>
          ))}
        </ul>
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      </div>
    </Dialog>
  );
}
