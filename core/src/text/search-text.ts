import { foldAccents } from './fold-accents';

/**
 * A pair's question or answer as the knowledge word search looks into it (stored by the store as
 * `qa_pairs.search_question` / `search_answer`): accents dropped (NFKD, combining marks removed,
 * as `tokenize` folds the typed words), hyphens and apostrophes dropped (so "wifi", "wi fi" and
 * "wi-fi" all find "Wi-Fi", and "don't" is "dont"), then lower case over all of Unicode ("ØRESUND"
 * is "øresund", "ΑΘΗΝΑ" is "αθηνα"), whatever the database's locale.
 */
export function searchText(text: string): string {
  return foldAccents(text)
    .replace(/[-‐‑'’]/g, '')
    .toLowerCase();
}
