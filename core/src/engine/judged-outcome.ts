import type { JudgementVerdict } from '../llm/judgement';
import type { ReplyKind } from '../schemas/chat-message';
import type { QaMatch } from '../schemas/qa-pair';

/** What a reply files and shows: whether it is a gap, its kind, the pairs it used. */
export interface ReplyOutcome {
  gap: boolean;
  kind: ReplyKind;
  /** Stored as `matched_qa_ids`. */
  matchedIds: string[];
  /** The pair the reply answers from (chips leave it out), or null. */
  answered: QaMatch | null;
}

/**
 * The outcome once the model has judged: "answered from these pairs" files no gap and stores
 * those pairs, "not answered" files the gap even when retrieval was confident (unless the
 * visitor asked for a person: the booking link answers that) and keeps a "Did you mean…?"
 * reply's questions. A missing or untrusted judgement leaves retrieval's outcome (the caller
 * shows the extractive reply for an untrusted one).
 */
export function judgedOutcome(
  verdict: JudgementVerdict,
  retrieval: ReplyOutcome,
  candidates: readonly QaMatch[],
  askedForPerson: boolean,
): ReplyOutcome {
  if (verdict.kind === 'answered') {
    const used = verdict.qaIds.flatMap((id) => candidates.find((m) => m.id === id) ?? []);
    return { gap: false, kind: 'answer', matchedIds: verdict.qaIds, answered: used[0] ?? null };
  }
  if (verdict.kind === 'not_answered') {
    if (retrieval.kind === 'clarify') return retrieval;
    // Asked for a person: the booking link the reply offers answers that, from no pair.
    if (askedForPerson) return { gap: false, kind: 'answer', matchedIds: [], answered: null };
    return { gap: true, kind: 'gap', matchedIds: retrieval.matchedIds, answered: null };
  }
  return retrieval;
}
