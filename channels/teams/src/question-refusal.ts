import { isStorableText, maxMessageLength } from '@clara/core';

/** The reply to a question over the engine's length limit. */
export const tooLongNotice = `That message is too long for me. Please ask in under ${maxMessageLength.toLocaleString('en-US')} characters.`;

/**
 * The reply to a question Postgres cannot store (a NUL or a lone surrogate: half of an emoji,
 * e.g. from a paste): the web channel refuses the same text with a 400 that says so.
 */
export const unstorableNotice =
  'Sorry, I can’t read that message: it contains a character I can’t store (a NUL control character or half of an emoji). Please type the question again without it.';

/**
 * Why the engine would refuse this question, as the reply that tells the asker, or null when it
 * can be asked. Checked before the turn so each refusal is named for what it is.
 */
export function questionRefusal(question: string): string | null {
  if (!isStorableText(question)) return unstorableNotice;
  if (question.trim().length > maxMessageLength) return tooLongNotice;
  return null;
}
