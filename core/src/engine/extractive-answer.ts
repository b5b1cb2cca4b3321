import { defaultGapReply } from '@clara/contract';
import type { QaMatch } from '../schemas/qa-pair';

/**
 * The honest fallback: Clara cannot contact the visitor (the widget asks for no email), so it
 * promises no follow-up, only what happens: the question is in the owner's Gap inbox.
 */
export const fallbackAnswer: string = defaultGapReply;
const suggestionsLine = 'In the meantime, one of the suggestions below may help.';
export const fallbackWithSuggestions = `${fallbackAnswer} ${suggestionsLine}`;

/** Who the team could reach about a gap: the email the host page passed (`Clara.identify`), if any. */
export interface GapContact {
  email?: string | null | undefined;
}

/**
 * The gap reply: the owner's own text when they wrote one (`settings.gap_reply`), else the
 * honest fallback; with a known email it says the team has it (the Gap inbox shows it).
 */
export function gapAnswer(options: { ownText?: string | undefined; contact?: GapContact | null }): string {
  const own = options.ownText?.trim();
  if (own) return own;
  const email = options.contact?.email;
  return email
    ? `I don't have that information yet. I've noted your question for the team with your email (${email}), so they can reply to you there.`
    : fallbackAnswer;
}
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
  "I can't book a call with the team from here. I've noted your request so the team can see it.";
/** `noBookingAnswer`, or with a known email, that the team has it. */
export function noBookingReply(contact?: GapContact | null): string {
  return contact?.email
    ? `I can't book a call with the team from here. I've noted your request for the team with your email (${contact.email}), so they can reply to you there.`
    : noBookingAnswer;
}
/** Added to an answer that carries the booking link for another reason. */
export const bookingLine =
  'If you would like to talk it through, you can book a time with the team using the link below.';

/**
 * The answer Clara gives without a language model: the curated answer of the best pair
 * when confident, the gap reply (`gapAnswer`, by default the honest fallback) otherwise.
 */
export function extractiveAnswer(
  top: QaMatch | null,
  confident: boolean,
  hasChips: boolean,
  gapText: string = fallbackAnswer,
): string {
  if (top && confident) return top.answer;
  return hasChips ? `${gapText} ${suggestionsLine}` : gapText;
}
