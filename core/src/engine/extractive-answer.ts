import type { QaMatch } from '../schemas/qa-pair';

export const fallbackAnswer =
  "I don't have that information yet, so I've passed your question on to the team.";
export const fallbackWithSuggestions = `${fallbackAnswer} In the meantime, one of the suggestions below may help.`;
/** The "Did you mean…?" reply: the closest knowledge-base questions follow as suggestions. */
export function clarifyAnswer(count: number): string {
  return count === 1 ? 'Did you mean this question?' : 'Did you mean one of these questions?';
}
/** The reply to "can I talk to someone?" when the booking link is offered. */
export const escalationAnswer = 'Of course! You can book a time with the team using the link below.';
/**
 * The reply to "can I talk to someone?" when no booking link can be offered (escalation off, or
 * no booking URL): honest about it, and the question is filed as a gap for the owner.
 */
export const noBookingAnswer =
  "I can't book a call with the team from here, so I've passed your question on to them.";
/** Added to an answer that carries the booking link for another reason. */
export const bookingLine =
  'If you would like to talk it through, you can book a time with the team using the link below.';

/**
 * The answer Clara gives without a language model: the curated answer of the best pair
 * when confident, an honest fallback otherwise.
 */
export function extractiveAnswer(top: QaMatch | null, confident: boolean, hasChips: boolean): string {
  if (top && confident) return top.answer;
  return hasChips ? fallbackWithSuggestions : fallbackAnswer;
}
