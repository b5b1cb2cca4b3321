import { pairFormSchema } from '@clara/contract';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { ApiError, errorMessage } from '../../lib/api';
import { type AdminPair, type Duplicate, savePair } from './knowledge-api';
import { PhrasingsList } from './phrasings-list';
import './phrasings.css';

/**
 * Create or edit a pair; warns about a near-duplicate (> 0.95 similar), then offers only "Save
 * anyway" until the question changes.
 */
export function PairDialog(props: {
  open: boolean;
  pair: AdminPair | null;
  categories: string[];
  onClose: () => void;
  onSaved: (pair: AdminPair) => void;
  /** Opens the near-duplicate the warning names, in place of this form. */
  onEditExisting: (id: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLInputElement>(null);
  // Switched to another pair while open (Edit the existing pair): start again on its question.
  const pairId = props.pair?.id;
  useEffect(() => {
    if (pairId) question.current?.focus();
  }, [pairId]);

  const close = () => {
    setError(null);
    setDuplicate(null);
    props.onClose();
  };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const parsed = pairFormSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const allow = submitter?.value === 'anyway';
      const { pair } = await savePair(props.pair?.id ?? null, { ...parsed.data, allow_duplicate: allow });
      setDuplicate(null);
      props.onSaved(pair);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.body?.duplicate) {
        setDuplicate(err.body.duplicate as Duplicate);
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.pair ? 'Edit Q&A pair' : 'Add a Q&A pair'} open={props.open} onClose={close}>
      <form className="form" onSubmit={submit} key={props.pair?.id ?? 'new'}>
        <label>
          Question
          <input
            ref={question}
            name="question"
            defaultValue={props.pair?.question ?? ''}
            placeholder="How much does shipping cost?"
            // A changed question is checked again on Save: the warning was about the old one.
            onChange={() => setDuplicate(null)}
          />
        </label>
        <label>
          Answer
          <textarea
            name="answer"
            rows={5}
            defaultValue={props.pair?.answer ?? ''}
            placeholder="Shipping is free over $50."
          />
        </label>
        <label>
          Category
          <input name="category" list="pair-categories" defaultValue={props.pair?.category ?? 'general'} />
          <datalist id="pair-categories">
            {props.categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
        {props.pair ? <PhrasingsList pairId={props.pair.id} /> : null}
        {duplicate ? (
          <Notice kind="warning">
            <strong>This looks like a duplicate</strong> ({Math.round(duplicate.similarity * 100)}% similar)
            of:
            <blockquote>
              <div className="dup-q">{duplicate.question}</div>
              <div className="muted">{duplicate.answer}</div>
            </blockquote>
            Change the question, edit the existing pair instead, or save anyway to keep both.
            <div className="actions">
              <button
                type="button"
                className="ghost small"
                onClick={() => {
                  setDuplicate(null);
                  props.onEditExisting(duplicate.id);
                }}
              >
                Edit the existing pair
              </button>
            </div>
          </Notice>
        ) : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-actions">
          <button type="button" className="ghost" onClick={close}>
            Cancel
          </button>
          {/* One way forward: once the duplicate warning shows, saving means keeping both. */}
          {duplicate ? (
            <button type="submit" value="anyway" className="warning" disabled={busy}>
              {busy ? 'Saving…' : 'Save anyway'}
            </button>
          ) : (
            <button type="submit" value="save" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
