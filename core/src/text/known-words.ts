import { isStopword, stem, tokenize } from '../embedding/tokenize';
import { loadWordVectors, type WordVectors } from '../embedding/word-vectors';
import { isContentWord } from './content-words';
import { looksLikeMash } from './mash-shape';

/** Beyond this many words, a message is read as an attempt at a sentence, never as keyboard mash. */
const maxWords = 8;
/** Words this long or longer count as known when one typo away from a known word ("apointment"). */
const typoLength = 5;
const letters = 'abcdefghijklmnopqrstuvwxyz';

let vectors: WordVectors | null | undefined;

function shippedVectors(): WordVectors | null {
  if (vectors === undefined) {
    try {
      vectors = loadWordVectors();
    } catch {
      vectors = null;
    }
  }
  return vectors;
}

/** Every spelling one edit (delete, swap, substitute, insert) from `word`. */
function* oneEditAway(word: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) yield word.slice(0, i) + word.slice(i + 1);
    if (i < word.length - 1) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    for (const c of letters) {
      if (i < word.length) yield word.slice(0, i) + c + word.slice(i + 1);
      yield word.slice(0, i) + c + word.slice(i);
    }
  }
}

/**
 * Whether an English word could be meant: a function word or filler, a word of the shipped
 * vocabulary (or its stem), or, from five letters, one typo from one. A word with a digit (a model
 * number, a postcode) or with letters outside a–z (another script, accents) counts as known: it
 * cannot be judged against an English vocabulary.
 */
export function isKnownWord(word: string, wv: WordVectors): boolean {
  if (!/^[a-z]+$/.test(word) || !isContentWord(word) || isStopword(word)) return true;
  if (wv.indexOf(word) >= 0 || wv.indexOf(stem(word)) >= 0) return true;
  if (word.length < typoLength) return false;
  for (const spelling of oneEditAway(word)) if (wv.indexOf(spelling) >= 0) return true;
  return false;
}

/**
 * Keyboard mash as far as the words go ("asdfgh", "kjhkjhkjh", "qwerty uiop"): a short message
 * whose every word is unknown (`isKnownWord`) and shaped like mash (`looksLikeMash`). A real word
 * the vocabulary lacks ("hydrangeas", "gypsophila", "apoquel") is not mash: it is a question the
 * knowledge base may not answer. Whether the knowledge base holds one of them (a product name, a
 * brand) is for the caller to check. False when the vocabulary cannot be loaded.
 */
export function hasNoKnownWord(text: string): boolean {
  const words = tokenize(text);
  if (words.length === 0 || words.length > maxWords) return false;
  const wv = shippedVectors();
  return wv !== null && words.every((w) => !isKnownWord(w, wv) && looksLikeMash(w));
}
