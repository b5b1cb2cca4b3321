/** The letter keys of a QWERTY keyboard, row by row. */
const rows = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** This many keys side by side on one row, either way ("asdf", "lkjh"), is a hand sliding over it. */
const rowRun = 4;
/** This many consonants in a row ("sdfgh") no English word has. */
const consonantRun = 5;
/** A chunk of 2 or 3 letters typed this many times over ("kjhkjhkjh", "lalala") is mash. */
const repeats = 3;

const rowRuns: string[] = rows.flatMap((row) => {
  const reversed = [...row].reverse().join('');
  const runs: string[] = [];
  for (const r of [row, reversed])
    for (let i = 0; i + rowRun <= r.length; i++) runs.push(r.slice(i, i + rowRun));
  return runs;
});

/**
 * Whether a lower-case word is shaped like keyboard mash rather than a word the vocabulary lacks
 * ("gypsophila", "apoquel"): no vowel (a e i o u y), five consonants in a row, four keys side by side
 * on one QWERTY row ("qwer", "lkjh"), or one 2–3 letter chunk repeated three times or more.
 */
export function looksLikeMash(word: string): boolean {
  if (!/[aeiouy]/.test(word)) return true;
  if (new RegExp(`[^aeiouy]{${consonantRun},}`).test(word)) return true;
  if (rowRuns.some((run) => word.includes(run))) return true;
  return new RegExp(`^(.{2,3})\\1{${repeats - 1},}$`).test(word);
}
