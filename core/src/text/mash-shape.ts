/** The letter keys of a QWERTY keyboard, row by row. */
const rows = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** This many keys side by side on one row, either way ("asdf", "lkjh"), is a hand sliding over it. */
const rowRun = 4;
/** This many consonants in a row ("sdfgh") no English word has. */
const consonantRun = 5;
/** A chunk of 2 or 3 letters typed this many times over ("kjhkjhkjh", "lalala") is mash. */
const repeats = 3;
/** A word this long or shorter without a vowel may be an acronym ("mtb", "gdpr", "nspcc"). */
const acronymLength = 5;

const rowRuns: string[] = rows.flatMap((row) => {
  const reversed = [...row].reverse().join('');
  const runs: string[] = [];
  for (const r of [row, reversed])
    for (let i = 0; i + rowRun <= r.length; i++) runs.push(r.slice(i, i + rowRun));
  return runs;
});

/**
 * Whether a lower-case word is shaped like keyboard mash rather than a word the vocabulary lacks
 * ("gypsophila", "apoquel"): four keys side by side on one QWERTY row ("qwer", "lkjh"), one 2–3
 * letter chunk repeated three times or more, or (from six letters, or with a vowel) no vowel
 * (a e i o u y) or five consonants in a row. A shorter word without a vowel may be an acronym
 * ("mtb", "cbt", "hmrc", "gdpr", "nspcc"): mash only when a key is held ("zzz", "hmmm") or by
 * the shapes above.
 */
export function looksLikeMash(word: string): boolean {
  if (rowRuns.some((run) => word.includes(run))) return true;
  if (new RegExp(`^(.{2,3})\\1{${repeats - 1},}$`).test(word)) return true;
  const vowel = /[aeiouy]/.test(word);
  if (!vowel) return word.length > acronymLength || /(.)\1\1/.test(word);
  return new RegExp(`[^aeiouy]{${consonantRun},}`).test(word);
}
