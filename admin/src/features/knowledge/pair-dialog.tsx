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
 * anyway" until the question changes. An edit is saved only onto the version it was opened on:
 * if the pair changed since (another tab, another session), the dialog shows the current text
 * and offers to load it instead of overwriting it.
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
  // The pair as the server has it now, when a save was refused because it changed since it was opened.
  const [changed, setChanged] = useState<AdminPair | null>(null);
  // That version, once loaded into the form in place of the one the dialog was opened with.
  const [loaded, setLoaded] = useState<AdminPair | null>(null);
  const shown = loaded && loaded.id === props.pair?.id ? loaded : props.pair;
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
    setChanged(null);
    setLoaded(null);
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
      const { pair } = await savePair(shown?.id ?? null, {
        ...parsed.data,
        allow_duplicate: allow,
        ...(shown ? { expected_updated_at: shown.updated_at } : {}),
      });
      setDuplicate(null);
      setChanged(null);
      setLoaded(null);
      props.onSaved(pair);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.body?.current) {
        setDuplicate(null);
        setChanged(err.body.current as AdminPair);
      } else if (err instanceof ApiError && err.status === 409 && err.body?.duplicate) {
        setDuplicate(err.body.duplicate as Duplicate);
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.pair ? 'Edit Q&A pair' : 'Add a Q&A pair'} open={props.open} onClose={close}>
      {/* Keyed on the version too: loading the current text resets the fields to it. */}
      <form className="form" onSubmit={submit} key={shown ? `${shown.id}@${shown.updated_at}` : 'new'}>
        <label>
          Question
          <input
            ref={question}
            name="question"
            defaultValue={shown?.question ?? ''}
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
            defaultValue={shown?.answer ?? ''}
            placeholder="Shipping is free over $50."
          />
        </label>
        <label>
          Category
          <input name="category" list="pair-categories" defaultValue={shown?.category ?? 'general'} />
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
        {changed ? (
          <Notice kind="warning">
            <strong>This pair was changed since you opened it</strong> (in another tab or by someone else), so
            your save was not applied. It now reads:
            <blockquote>
              <div className="dup-q">{changed.question}</div>
              <div className="muted">{changed.answer}</div>
            </blockquote>
            Load its current text, then make your change again (what you typed here is replaced).
            <div className="actions">
              <button
                type="button"
                className="ghost small"
                onClick={() => {
                  setLoaded(changed);
                  setChanged(null);
                }}
              >
                Load the current text
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
