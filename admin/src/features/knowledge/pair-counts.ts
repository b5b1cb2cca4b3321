const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How many of the owner's own Q&A pairs, e.g. "16 Q&A pairs" (phrasings apart). */
export const qaPairsText = (pairs: number) => plural(pairs, 'Q&A pair', 'Q&A pairs');

/** How many phrasings (visitors' wordings kept from the gap inbox, alternative phrasings), e.g. "4 visitors' wordings". */
export const wordingsText = (phrasings: number) =>
  plural(phrasings, "visitor's wording", "visitors' wordings");

/**
 * The one way every page counts the knowledge base: "16 Q&A pairs · 4 visitors' wordings" (the
 * wordings left out when there are none), so the Overview, the Knowledge list and the export agree.
 */
export function pairCountText(pairs: number, phrasings: number): string {
  return phrasings > 0 ? `${qaPairsText(pairs)} · ${wordingsText(phrasings)}` : qaPairsText(pairs);
}
