import { pairFormSchema } from '@clara/contract';
import { type FormEvent, useId, useState } from 'react';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { formatDateTime as when } from '../../lib/format-date';
import { AskedByLine } from './asked-by';
import { CategoryField } from './category-field';
import {
  answerSavedNotice,
  dismissGapGroup,
  type GapGroup,
  type GroupGap,
  linkGapGroup,
  type OnChanged,
  reopenGapGroup,
  resolveGapGroup,
} from './gaps-api';
import { LinkDialog } from './link-dialog';
import { tidyQuestion } from './tidy-question';

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

const dislikedReply = {
  clarify: 'Visitor disliked the “Did you mean…?” reply',
  gap: 'Visitor disliked the reply',
};

/**
 * One wording of a group: its question and asks (left out when it is the group's only wording:
 * the card's title and badge already say them), who asked, and why it is in the inbox.
 */
function Wording(props: { gap: GroupGap; checked: boolean; onToggle: () => void; selectable: boolean }) {
  const { gap } = props;
  const line = (
    <>
      {props.selectable ? (
        <>
          <span className="wording-q">{gap.question}</span>
          <span className="muted small">
            asked {times(gap.asks)}
            {gap.channel && gap.channel !== 'web' ? ` · ${gap.channel}` : ''}
          </span>
        </>
      ) : null}
      <AskedByLine askedBy={gap.asked_by} first={!props.selectable} />
      {gap.disliked ? (
        <span className="badge warn">Visitor disliked this answer</span>
      ) : gap.asked_for_person ? (
        <span className="badge">Asked for a person</span>
      ) : (
        <span className="badge">Low confidence</span>
      )}
      {gap.disliked_reply ? <span className="badge warn">{dislikedReply[gap.disliked_reply]}</span> : null}
    </>
  );
  return (
    <li className="wording">
      {props.selectable ? (
        <label className="wording-line">
          <input type="checkbox" checked={props.checked} onChange={props.onToggle} />
          {line}
        </label>
      ) : (
        <div className="wording-line">{line}</div>
      )}
      {gap.disliked && gap.ai_answer ? (
        <p className="small disliked-answer">
          <strong>The answer they disliked:</strong> {gap.ai_answer}
        </p>
      ) : null}
    </li>
  );
}

/** A group of open gaps about one thing: how often it was asked, its wordings, one action for all. */
export function GapGroupCard(props: { group: GapGroup; categories: string[]; onChanged: OnChanged }) {
  const { group } = props;
  const [selected, setSelected] = useState<Set<string>>(() => new Set(group.ticked));
  const [answering, setAnswering] = useState(false);
  const [linking, setLinking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const ids = group.gaps.filter((g) => selected.has(g.id)).map((g) => g.id);
  // One click only for pairs a visitor was offered as "Did you mean…?" (the nearest pair may be
  // unrelated); any other pair is found with "Link to another answer…".
  const answeredBy = group.answered_by;
  const offered = group.offered_pairs.filter((p) => p.id !== answeredBy?.id).slice(0, 3);
  const several = group.gaps.length > 1;
  // "Clara answers this now" holds only for the ticked wordings the engine answers with the pair;
  // its one click resolves those, never a ticked wording that still gets "Did you mean…?".
  const answered = answeredBy ? ids.filter((id) => answeredBy.gap_ids.includes(id)) : [];
  const notAnswered = group.gaps.filter((g) => selected.has(g.id) && !answered.includes(g.id));

  const run = async <T,>(
    work: () => Promise<T>,
    message: string | ((result: T) => string),
    undo?: () => Promise<unknown>,
  ) => {
    if (ids.length === 0) return setError('Tick at least one question.');
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      props.onChanged(typeof message === 'string' ? message : message(result), undo);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = pairFormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the form.');
    const phrasings = form.get('phrasings') === 'on';
    void run(
      () => resolveGapGroup({ ...parsed.data, gap_ids: ids, phrasings }),
      (written) =>
        answerSavedNotice(
          written,
          ids.length > 1
            ? `Answer added: ${ids.length} questions resolved${phrasings ? ', each wording is answered from now on' : ''}.`
            : 'Answer added: Clara will answer this question from now on.',
        ),
    );
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <article className="card gap gap-group" aria-labelledby={titleId}>
      <div className="gap-head">
        <h3 id={titleId}>{group.question}</h3>
        {/* Several wordings are different questions: their asks are counted as questions, never as the title's. */}
        <span className="badge asked">
          {several ? `${group.asks} questions` : `asked ${times(group.asks)}`}
        </span>
        {answeredBy && answered.length > 0 && notAnswered.length === 0 ? (
          <span className="badge ok">Clara answers this now</span>
        ) : null}
      </div>
      <p className="muted small">
        {group.gaps.length > 1 ? `${group.gaps.length} wordings · ` : ''}
        first {when(group.first_asked_at)}
        {group.last_asked_at !== group.first_asked_at ? ` · last ${when(group.last_asked_at)}` : ''}
        {group.channels.length > 0 ? ` · ${group.channels.join(', ')}` : ''}
      </p>
      <ul className="wordings">
        {group.gaps.map((g) => (
          <Wording
            key={g.id}
            gap={g}
            selectable={several}
            checked={selected.has(g.id)}
            onToggle={() => toggle(g.id)}
          />
        ))}
      </ul>
      {answeredBy && answered.length > 0 ? (
        <p className="small">
          {notAnswered.length === 0
            ? 'Clara now answers this'
            : `Clara now answers ${answered.length === 1 ? 'one of these wordings' : `${answered.length} of these wordings`}`}{' '}
          with “{answeredBy.question}” (confidence {Math.round(answeredBy.confidence * 100)}%)
          {notAnswered.length > 0
            ? `, not yet ${notAnswered.map((g) => `“${g.question}”`).join(', ')}.`
            : '.'}
        </p>
      ) : null}
      {group.disliked_pairs.length > 0 ? (
        <p className="small">
          Not offered in one click, a visitor disliked its answer:{' '}
          {group.disliked_pairs.map((p) => `“${p.question}”`).join(', ')}.
        </p>
      ) : null}
      {!answering ? (
        <div className="actions">
          {answeredBy && answered.length > 0 ? (
            <button
              type="button"
              className="primary small"
              disabled={busy}
              onClick={() =>
                void run(
                  () => linkGapGroup(answered, answeredBy.id),
                  `Resolved: linked to “${answeredBy.question}”, which answers ${answered.length > 1 ? 'these wordings' : 'it'} from now on.`,
                )
              }
            >
              {notAnswered.length === 0
                ? `Resolve with “${answeredBy.question}”`
                : `Resolve ${answered.length === 1 ? 'the one it answers' : `the ${answered.length} it answers`} with “${answeredBy.question}”`}
            </button>
          ) : null}
          <button
            type="button"
            className={answered.length > 0 ? 'ghost small' : 'primary small'}
            onClick={() => setAnswering(true)}
          >
            {several ? `Answer once (${ids.length})` : 'Answer this'}
          </button>
          {offered.map((p) => (
            <button
              key={p.id}
              type="button"
              className="ghost small"
              disabled={busy}
              onClick={() =>
                void run(
                  () => linkGapGroup(ids, p.id),
                  'Linked to the existing answer: these wordings are now phrasings of it.',
                )
              }
            >
              Use the answer of “{p.question}”
            </button>
          ))}
          <button
            type="button"
            className="ghost small"
            disabled={busy}
            onClick={() => {
              setError(null);
              setLinking(true);
            }}
          >
            Link to another answer…
          </button>
          <button
            type="button"
            className="ghost small"
            disabled={busy}
            onClick={() =>
              void run(
                () => dismissGapGroup(ids),
                ids.length > 1 ? `${ids.length} gaps dismissed.` : 'Gap dismissed.',
                () => reopenGapGroup(ids),
              )
            }
          >
            Dismiss{several ? ` (${ids.length})` : ''}
          </button>
        </div>
      ) : (
        <form className="form inline-form" onSubmit={submit}>
          <label>
            Question
            <input name="question" defaultValue={tidyQuestion(group.question)} />
          </label>
          <label>
            Answer
            <textarea name="answer" rows={4} placeholder="Write the answer Clara should give." />
          </label>
          <CategoryField categories={props.categories} />
          {several ? (
            <label className="check-row">
              <input type="checkbox" name="phrasings" defaultChecked />
              Also answer the other ticked wordings (added as phrasings of this answer)
            </label>
          ) : null}
          <div className="form-actions">
            <button type="button" className="ghost small" onClick={() => setAnswering(false)}>
              Cancel
            </button>
            <button type="submit" className="primary small" disabled={busy}>
              Save answer
            </button>
          </div>
        </form>
      )}
      {linking ? (
        <LinkDialog
          open
          question={group.question}
          busy={busy}
          error={error}
          onClose={() => setLinking(false)}
          onPick={(pair) =>
            void run(
              () => linkGapGroup(ids, pair.id),
              `Linked to “${pair.question}”: ${ids.length > 1 ? 'these wordings are' : 'this wording is'} answered with it from now on.`,
            )
          }
        />
      ) : null}
      {error && !linking ? <Notice kind="error">{error}</Notice> : null}
    </article>
  );
}
