import type { ChatMessage } from '../schemas/chat-message';
import type { LlmMessage } from './types';

/** A rough token count (about four characters per token), enough for budgeting. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The most recent turns of a session that fit in `budgetTokens`, oldest first, as
 * provider messages. Drops the trailing copy of the current question (the store returns
 * history with it), starts on a visitor turn, and merges same-role neighbours, since
 * providers expect user/assistant alternation.
 */
export function recentTurns(
  history: readonly ChatMessage[],
  question: string,
  budgetTokens: number,
): LlmMessage[] {
  const turns = history.filter((m) => m.content.trim() !== '');
  const last = turns[turns.length - 1];
  if (last?.role === 'user' && last.content.trim() === question.trim()) turns.pop();

  const picked: LlmMessage[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (!turn) continue;
    const cost = approxTokens(turn.content);
    if (used + cost > budgetTokens) break;
    used += cost;
    picked.unshift({ role: turn.role, content: turn.content });
  }
  while (picked[0]?.role === 'assistant') picked.shift();

  const merged: LlmMessage[] = [];
  for (const message of picked) {
    const previous = merged[merged.length - 1];
    if (previous && previous.role === message.role) previous.content += `\n\n${message.content}`;
    else merged.push({ ...message });
  }
  // The visitor's message comes next, so the window must end on an assistant turn.
  while (merged[merged.length - 1]?.role === 'user') merged.pop();
  return merged;
}
