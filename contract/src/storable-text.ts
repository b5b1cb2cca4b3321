/**
 * True when Postgres can store the text: no NUL (text and jsonb refuse U+0000) and no lone
 * UTF-16 surrogate (not valid Unicode; a JSON `"\ud800"` parses to one). Checked at the
 * boundaries so such input is a 400, never a failed query.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !/\p{Cs}/u.test(text);
}

/** The message a boundary gives for text `isStorableText` refuses. */
export const unstorableTextMessage = (field: string) =>
  `${field} holds a character that cannot be stored (NUL or a lone surrogate)`;

/**
 * True when the text has a character a reader can see: something other than whitespace and
 * format or control characters (Unicode White_Space, Cf, Cc: zero-width spaces, bidi marks,
 * …). Text with none reads as empty, so the boundaries refuse it as they refuse blank text.
 */
export function hasVisibleText(text: string): boolean {
  return /[^\p{White_Space}\p{Cf}\p{Cc}]/u.test(text);
}
