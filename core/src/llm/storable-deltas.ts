// What Postgres cannot store (the rule of isStorableText in @clara/contract): NUL in text or jsonb
// (22021 / 22P05), and a UTF-16 surrogate without its pair (its JSON escape is "invalid input
// syntax for type json"). With the u flag a surrogate pair is one code point, never \p{Cs}.
const loneSurrogate = /\p{Cs}/gu;
const highSurrogateAtEnd = /[\ud800-\udbff]$/;

/** The text without the characters Postgres text/jsonb cannot store: NUL and lone surrogates. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(loneSurrogate, '');
}

/**
 * Makes a stream of a model's text deltas storable, delta by delta. A high surrogate at the end
 * of a delta waits for the next one (its pair may start it); one still waiting at the end of the
 * stream was alone and is dropped.
 */
export function createStorableStream(): (delta: string) => string {
  let held = '';
  return (delta) => {
    let text = held + delta;
    held = '';
    if (highSurrogateAtEnd.test(text)) {
      held = text.slice(-1);
      text = text.slice(0, -1);
    }
    return storableText(text);
  };
}
