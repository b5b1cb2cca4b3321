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
  const asked = history.at(-2);
  if (last?.role !== 'assistant' || last.reply_kind !== 'clarify') return null;
  if (asked?.role !== 'user') return null;
  const picked = normalise(message);
  if (!(last.suggestion_chips ?? []).some((chip) => normalise(chip) === picked)) return null;
  const match = candidates.find((m) => normalise(m.question) === picked);
  return match ? { question: asked.content, match } : null;
}
