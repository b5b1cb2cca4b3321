import { isStopword, tokenize } from '../embedding/tokenize';

// A question word carries the intent ("where are you?"): it counts as content.
const questionWords = new Set(['what', 'when', 'where', 'which', 'who', 'why', 'how']);

/** Answers, fillers and the pieces of contractions: no topic of their own. */
const fillers = new Set(
  (
    'no not nope nah yes yeah yea yep yup ya ok okay okey k kk oh ah aha uh um umm hmm hm mm er eh ' +
    'well too very really so then else yet still now all some maybe perhaps sure alright right ' +
    'either neither nor lol haha hah ha hehe re ll ve d m'
  ).split(' '),
);

/** Beyond this many distinct words, a sentence of function words may be a question ("do I have to be there?"). */
const shortMessageWords = 3;

/** A word that names something to look up: neither a stopword nor a filler, or a question word. */
export function isContentWord(word: string): boolean {
  return questionWords.has(word) || !(isStopword(word) || fillers.has(word));
}

/**
 * Whether the text has a word to match a question or an answer on. "no", "is it", "and you?"
 * or "???" have none: matching them can only find the same function words in a pair.
 */
export function hasContentWord(text: string): boolean {
  return tokenize(text).some(isContentWord);
}

/**
 * A short message with no topic: no content word, and at most three distinct words ("no", "is
 * it", "and you?", "no no no"). A longer sentence of function words can still be a question whose
 * meaning lies in them ("do I have to be there?"), so it is not one.
 */
export function hasNoTopic(text: string): boolean {
  const words = tokenize(text);
  return new Set(words).size <= shortMessageWords && !words.some(isContentWord);
}
