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
 * The gap reply: the owner's own text when they wrote one (`settings.gap_reply`), word for word
 * as the Settings preview shows it (the chips and the booking button still follow it); else the
 * honest fallback, which says the team has the visitor's email when known (the Gap inbox shows
 * it), points to the chips when there are some and adds the booking line when the link is offered.
 */
export function gapAnswer(options: {
  ownText?: string | undefined;
  contact?: GapContact | null | undefined;
  hasChips?: boolean;
  offerBooking?: boolean;
}): string {
  const own = options.ownText?.trim();
  if (own) return own;
  const email = options.contact?.email;
  const text = email
    ? `I don't have that information yet. I've noted your question for the team with your email (${email}), so they can reply to you there.`
    : fallbackAnswer;
  return [text, options.hasChips ? suggestionsLine : '', options.offerBooking ? bookingLine : '']
    .filter(Boolean)
    .join(' ');
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
/** The sentence that opens the no-booking reply when the owner wrote their own gap reply. */
export const noBookingLead = "I can't book a call with the team from here.";
/**
 * `noBookingAnswer`, or with a known email, that the team has it; pointing to the chips when the
 * knowledge base has related questions (a way to reach the business, say). When the owner wrote
 * their own gap reply (`settings.gap_reply`, e.g. "…call us on 01234 567890"), it follows
 * `noBookingLead` word for word instead: the way to reach the business the owner chose.
 */
export function noBookingReply(contact?: GapContact | null, hasChips = false, ownText?: string): string {
  const own = ownText?.trim();
  if (own) return `${noBookingLead} ${own}`;
  const text = contact?.email
    ? `I can't book a call with the team from here. I've noted your request for the team with your email (${contact.email}), so they can reply to you there.`
    : noBookingAnswer;
  return hasChips ? `${text} ${suggestionsLine}` : text;
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
  gapText: string = gapAnswer({ hasChips }),
): string {
  if (top && confident) return top.answer;
  return gapText;
}

/** What `composeReply` decided, from which the reply without a language model is written. */
export interface ExtractiveReplyInput {
  top: QaMatch | null;
  /** Below the threshold (`decision.gap`). */
  gap: boolean;
  /** The booking link answers a visitor who asked for a person. */
  handoff: boolean;
  /** Asked for a person or a call, with no link to offer. */
  unbookable: boolean;
  clarify: boolean;
  chipCount: number;
  offerBooking: boolean;
  ownText?: string | undefined;
  contact?: GapContact | null | undefined;
}

/**
 * The reply without a language model: the booking offer, the "cannot book here" reply, "Did you
 * mean…?", the best pair's curated answer, else the gap reply (`gapAnswer`: the owner's own text
 * word for word, the chips and the booking button still following it).
 */
export function extractiveReply(r: ExtractiveReplyInput): string {
  if (r.handoff) return escalationAnswer;
  if (r.unbookable) return noBookingReply(r.contact, r.chipCount > 0, r.ownText);
  const booking = (text: string) => (r.offerBooking ? `${text} ${bookingLine}` : text);
  if (r.clarify) return booking(clarifyAnswer(r.chipCount));
  if (!r.gap && r.top) return booking(r.top.answer);
  return gapAnswer({
    ownText: r.ownText,
    contact: r.contact,
    hasChips: r.chipCount > 0,
    offerBooking: r.offerBooking,
  });
}
