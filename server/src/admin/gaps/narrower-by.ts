import { groupingKey, isStopword, stem, tokenize } from '@clara/core';

/** A question's content words (stop words out), each under its stem: the first spelling kept. */
function contentWords(question: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const word of tokenize(groupingKey(question))) {
    if (isStopword(word) || words.has(stem(word))) continue;
    words.set(stem(word), word);
  }
  return words;
}

/**
 * The words by which `narrow` (a pair's question) is narrower than `wording` (a visitor's): its
 * content words the wording lacks, when the wording has no content word of its own beyond
 * `narrow`'s ("can i rent" for "Do you rent electric bikes?": electric, bike). Empty when the
 * wording says something the question does not ("can i rent an e-bike": ebike) or as much. As a
 * phrasing of the pair, such a broad wording would get the pair's narrow answer every time.
 */
export function narrowerBy(wording: string, narrow: string): string[] {
  const own = contentWords(wording);
  const theirs = contentWords(narrow);
  if ([...own.keys()].some((s) => !theirs.has(s))) return [];
  return [...theirs].flatMap(([s, word]) => (own.has(s) ? [] : [word]));
}
