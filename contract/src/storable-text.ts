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
