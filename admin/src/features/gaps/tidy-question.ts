// Words a question usually starts with (English): a wording starting with one reads as a question.
const questionStart =
  /^(?:am|any|anything|are|can|could|did|do|does|had|has|have|how|is|may|might|shall|should|was|were|what|when|where|which|who|whom|whose|why|will|would)\b/i;

/**
 * A visitor's wording tidied as the owner's question: whitespace collapsed, the first letter a
 * capital, a lone "i" as "I", and a final "?" when it reads as a question and ends in no other
 * sign ("do you sell board games" → "Do you sell board games?"). Only a prefill: the owner edits it.
 */
export function tidyQuestion(wording: string): string {
  const text = wording
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\bi\b(?=[ '’]|$)/g, 'I');
  if (text === '') return text;
  const first = text.codePointAt(0) ?? 0;
  const head = String.fromCodePoint(first);
  const capitalised = head.toUpperCase() + text.slice(head.length);
  return questionStart.test(capitalised) && !/[?!.…:;]$/.test(capitalised) ? `${capitalised}?` : capitalised;
}
