import { clarifyAnswerOf } from '../channels/small-talk-clarify';
import type { ChatMessage } from '../schemas/chat-message';
import type { RankedMatch } from './rerank';

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** The visitor's pick among the questions of a "Did you mean…?" reply. */
export interface FoundChoice {
  /** The visitor's earlier question that the clarify reply answered. */
  question: string;
  /** The chosen pair (one of this turn's candidates). */
  match: RankedMatch;
}

/**
 * Whether this message picks one of the questions the session's last reply offered as
 * "Did you mean…?": the last message of the history is a clarify reply whose chips hold this
 * text (case and spacing aside), and the pair with that question is among the candidates. Only
 * the session's own history counts, so a choice cannot be made for another session's question.
 */
export function findChoice(
  history: readonly ChatMessage[],
  message: string,
  candidates: readonly RankedMatch[],
): FoundChoice | null {
  const last = history.at(-1);
  if (last?.role !== 'assistant' || last.reply_kind !== 'clarify') return null;
  // A "yes" to several questions is answered "pick one" with the same questions: the choice
  // is for the question that first got them.
  const same = (m: ChatMessage | undefined) =>
    m?.role === 'assistant' &&
    m.reply_kind === 'clarify' &&
    (m.suggestion_chips ?? []).join('\n') === (last.suggestion_chips ?? []).join('\n');
  let at = history.length - 1;
  const yes = (m: ChatMessage | undefined) => m?.role === 'user' && clarifyAnswerOf(m.content) === 'yes';
  while (at >= 2 && yes(history[at - 1]) && same(history[at - 2])) at -= 2;
  const asked = history[at - 1];
  if (asked?.role !== 'user') return null;
  const picked = normalise(message);
  if (!(last.suggestion_chips ?? []).some((chip) => normalise(chip) === picked)) return null;
  const match = candidates.find((m) => normalise(m.question) === picked);
  return match ? { question: asked.content, match } : null;
}
