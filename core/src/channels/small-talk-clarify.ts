/** How a visitor answered a "Did you mean…?" reply in words: yes (that question), no (none of them). */
export type ClarifyAnswer = 'yes' | 'no';

const yes = new Set([
  'yes',
  'y',
  'yes please',
  'yes thanks',
  'yes thank you',
  'yeah',
  'yeah please',
  'yep',
  'yup',
  'ya',
  'sure',
  'sure please',
  'ok',
  'okay',
  'ok please',
  'okay please',
  'please',
  'correct',
  'exactly',
  'right',
  'that s it',
  'that s right',
  'that one',
  'this one',
  'yes that one',
  'yes this one',
  'yes that s it',
  'yes exactly',
  'yes i did',
  'i did',
]);

const no = new Set([
  'no',
  'n',
  'nope',
  'nah',
  'no thanks',
  'no thank you',
  'not really',
  'not quite',
  'not that',
  'not that one',
  'neither',
  'none',
  'none of them',
  'none of these',
  'none of those',
  'no i didn t',
  'i didn t',
  'something else',
]);

/**
 * Reads a whole message as a yes or a no to a "Did you mean…?" reply ("yes please", "that one",
 * "ok"; "no", "none of these"), or null when it says anything more.
 */
export function clarifyAnswerOf(text: string): ClarifyAnswer | null {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’']/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (yes.has(words)) return 'yes';
  if (no.has(words)) return 'no';
  return null;
}
