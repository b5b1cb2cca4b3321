/** Lower-cases, folds accents and curly quotes, and collapses whitespace, for pattern matching. */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
