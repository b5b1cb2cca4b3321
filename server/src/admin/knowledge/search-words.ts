import { isStopword, stem, tokenize } from '@clara/core';

/**
 * The words a knowledge search for `typed` looks for (`GET /api/admin/knowledge?match=words`):
 * the typed words as core's tokenizer reads them (case, accents and punctuation folded, as
 * `listPairs` folds the stored text), at most 12. Little words ("how", "the", "is") are left out
 * when other words remain, so "how much is the dog wash" finds "How much is a dog wash?". A word
 * is cut back to what it shares with its stem, so a plural or "-ing" form finds the others
 * ("prices" and "pricing" find "price", "puppies" finds "puppy"); a stem shorter than three
 * letters is not used.
 */
export function searchWords(typed: string): string[] {
  // Apostrophes go first, as the SQL drops them from the stored text: "don't" is "dont" on both
  // sides (the tokenizer alone would read "do not", which the folded text does not hold).
  const words = [...new Set(tokenize(typed.replace(/['’]/g, '')))];
  const kept = words.some((w) => !isStopword(w)) ? words.filter((w) => !isStopword(w)) : words;
  return [...new Set(kept.map(shortened))].slice(0, 12);
}

function shortened(word: string): string {
  const stemmed = stem(word);
  let n = 0;
  while (n < word.length && word[n] === stemmed[n]) n += 1;
  return n >= 3 ? word.slice(0, n) : word;
}
