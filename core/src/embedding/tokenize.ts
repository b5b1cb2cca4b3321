import { foldAccents } from '../text/fold-accents';

/** Words that carry little meaning for matching questions; down-weighted, not dropped. */
const stopwords = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have how i if in into is it ' +
    'its me my of on or our please should so than that the their them then there these they this to us was we were ' +
    'what when where which who why will with would you your yours am any about just also get got'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return stopwords.has(word);
}

/** Lower-cases, strips accents and punctuation, and splits into words (keeps digits). */
export function tokenize(text: string): string[] {
  return foldAccents(text)
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/n['’]t\b/g, ' not')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A light English suffix stemmer: enough to fold plurals and common verb forms. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of [
    'ational',
    'ization',
    'fulness',
    'ousness',
    'iveness',
    'ingly',
    'ement',
    'ments',
    'ment',
    'ness',
    'ing',
    'edly',
    'ed',
    'ly',
    'er',
  ]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "stopped" -> "stopp" -> "stop"
  if (w.length > 3 && w.at(-1) === w.at(-2) && !'lsz'.includes(w.at(-1) ?? '')) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
