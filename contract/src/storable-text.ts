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
 * True when the text has a character a reader can see: something other than whitespace,
 * format and control characters (Unicode White_Space, Cf, Cc: zero-width spaces, bidi marks,
 * …), default-ignorable code points (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation
 * selectors, the combining grapheme joiner, …), the blank Braille pattern U+2800, and marks
 * (Unicode M: combining accents), which show nothing without a letter to sit on. Text with
 * none reads as empty, so the boundaries refuse it as they refuse blank text.
 */
export function hasVisibleText(text: string): boolean {
  return /[^\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u.test(text);
}
