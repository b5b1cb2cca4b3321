import { foldAccents } from '../text/fold-accents';

/** Lower-cases, folds accents and curly quotes, and collapses whitespace, for pattern matching. */
export function normaliseForMatching(text: string): string {
  return foldAccents(text)
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
