import { tokenize } from '../embedding/tokenize';

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
 * The grouping uses it, and the duplicate check of an answer (`questionKey`); the inbox shows and
 * answers each question as the visitor wrote it.
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

/**
 * A question's words as the gap grouping compares them: `groupingKey` (hyphens, plurals), then
 * the local embedder's tokenizer that the grouping's vectors are made from (case, accents,
 * punctuation). Questions with one key are one question to the inbox: answering a gap whose key a
 * pair's question has updates that pair instead of adding a duplicate ("Do you have Wi-Fi?" is
 * "do you have wifi"). The store keeps each pair's key (`qa_pairs.question_key`) to find them.
 */
export const questionKey = (question: string): string => tokenize(groupingKey(question)).join(' ');
