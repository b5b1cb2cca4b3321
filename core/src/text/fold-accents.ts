/** Drops accents: NFKD, then the combining marks it split off ("café" → "cafe", "ﬁ" → "fi"). */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
