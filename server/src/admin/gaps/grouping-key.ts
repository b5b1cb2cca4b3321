/** Words ending in "s" that are not plurals (a simple rule would cut them). */
const notPlural = new Set([
  'always',
  'across',
  'afterwards',
  'besides',
  'does',
  'goes',
  'lens',
  'news',
  'perhaps',
  'series',
  'sometimes',
  'towards',
  'unless',
  'various',
  'whereas',
  'yes',
]);

/** A plural word's simple singular: dogs → dog, puppies → puppy, boxes → box; others as they are. */
export function singular(word: string): string {
  if (word.length < 4 || notPlural.has(word) || !/^\p{L}+$/u.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is)$/.test(word) || !word.endsWith('s')) return word;
  return word.slice(0, -1);
}

/**
 * The text a gap question is grouped by: lower case, hyphens settled and plurals made singular,
 * so spelling variants of one question group together ("Wi-Fi?" with "wifi", "dogs" with
 * "dog"). A hyphen after a one- or two-letter piece joins it (wi-fi → wifi, e-bike → ebike,
 * t-shirt → tshirt); any other separates words (check-in → check in, dog-friendly → dog friendly).
 * Only the grouping uses it: the inbox shows and answers each question as the visitor wrote it.
 */
export function groupingKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<![\p{L}\p{N}])(\p{L}{1,2})[-‐‑](?=\p{L})/gu, '$1')
    .replace(/[-‐‑–—]/g, ' ')
    .split(/(\s+)/)
    .map((part) => part.replace(/^(\p{L}+)(?=[^\p{L}]*$)/u, (w) => singular(w)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
