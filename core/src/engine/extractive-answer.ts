import type { QaMatch } from '../schemas/qa-pair';

export const fallbackAnswer = "I don't have that information yet, so I've passed your question on to the team.";
export const fallbackWithSuggestions = `${fallbackAnswer} In the meantime, one of the suggestions below may help.`;

/**
 * The answer Clara gives without a language model: the curated answer of the best pair
 * when confident, an honest fallback otherwise.
 */
export function extractiveAnswer(top: QaMatch | null, confident: boolean, hasChips: boolean): string {
  if (top && confident) return top.answer;
  return hasChips ? fallbackWithSuggestions : fallbackAnswer;
}
