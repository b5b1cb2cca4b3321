/**
 * A question's wording as compared when a gap is linked to a pair: case, spacing and
 * punctuation do not count ("What are your hours?" is "what are your  hours"). Apostrophes and
 * hyphens inside a word are dropped ("don't" = "dont", "wi-fi" = "wifi"); other punctuation
 * separates words.
 */
export function asWording(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<=[\p{L}\p{N}])['’‘`\-‐‑–](?=[\p{L}\p{N}])/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether two questions are the same wording (see `asWording`). */
export const sameWording = (a: string, b: string): boolean => asWording(a) === asWording(b);
