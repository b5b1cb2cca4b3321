import { type Lexicon, loadLexicon, wordForm } from './lexicon';
import { isStopword, stem, tokenize } from './tokenize';
import { loadWordVectors, type WordVectors } from './word-vectors';

/** A content word of a text: its stem, unit word vector (null when unknown) and global rarity weight. */
export interface MatchWord {
  word: string;
  stem: string;
  vec: Float32Array | null;
  /** log(2 + frequency rank): rarer words weigh more. */
  rarity: number;
  /** Word forms (`wordForm`) the lexicon relates to this word here ("jabs" → vaccination). */
  related?: ReadonlySet<string>;
}

/** Score of two words sharing a long prefix or one typo apart ("consult" ~ "consultation", "vaccinatons"). */
export const nearSpellingScore = 0.9;

// Word vectors of words seen recently; cleared when it grows past this many words.
const cacheLimit = 20_000;

/** True when the two words are at most one edit (insert, delete, substitute, swap) apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Whether two (lower-case) words are spelled alike: same stem, a shared prefix of 5+ letters, or one typo apart (5+ letters). */
export function spelledAlike(a: MatchWord, b: MatchWord): boolean {
  if (a.stem === b.stem) return true;
  const x = a.word;
  const y = b.word;
  if (x.length < 5 || y.length < 5) return false;
  if (x.charCodeAt(0) !== y.charCodeAt(0) && x.charCodeAt(1) !== y.charCodeAt(1)) return false;
  if (x.startsWith(b.stem) || y.startsWith(a.stem)) return b.stem.length >= 5 || a.stem.length >= 5;
  return oneEditApart(x, y);
}

/**
 * Score of two words the lexicon relates ("jabs" ~ "vaccinations"), below a spelling match. 0.7
 * and 0.9 give the same figures within 0.01 (bench/retrieval/README.md).
 */
export const lexiconScore = 0.8;

/**
 * Similarity of two words in [0, 1]: 1 for the same stem, 0.9 spelled alike, else the larger of
 * the cosine of their vectors (≥ 0) and the lexicon's score when it relates them.
 */
export function wordSimilarity(a: MatchWord, b: MatchWord): number {
  if (a.stem === b.stem) return 1;
  if (spelledAlike(a, b)) return nearSpellingScore;
  const lex = a.related?.has(wordForm(b.word)) || b.related?.has(wordForm(a.word)) ? lexiconScore : 0;
  if (!a.vec || !b.vec) return lex;
  let s = 0;
  for (let d = 0; d < a.vec.length; d++) s += (a.vec[d] as number) * (b.vec[d] as number);
  return Math.max(s, lex, 0);
}

/** Splits texts into content words with their vectors, caching vectors per word. */
export type WordReader = (text: string) => MatchWord[];

/**
 * A reader over the given word vectors and lexicon (the shipped ones by default, loaded on first
 * use; `null`: none).
 */
export function createWordReader(vectors?: WordVectors, lexicon?: Lexicon | null): WordReader {
  let wv: WordVectors | null | undefined = vectors;
  let lex: Lexicon | null | undefined = lexicon;
  const cache = new Map<string, { vec: Float32Array | null; rarity: number }>();
  const lookup = (word: string, head?: string): { vec: Float32Array | null; rarity: number } => {
    const key = head ? `${word} ${head}` : word;
    const hit = cache.get(key);
    if (hit) return hit;
    if (wv === undefined) {
      try {
        wv = loadWordVectors();
      } catch {
        wv = null; // Without the vectors words match by spelling only.
      }
    }
    let vec: Float32Array | null = null;
    let rank = 50_000;
    if (wv) {
      let i = wv.indexOf(word);
      if (i < 0) i = wv.indexOf(stem(word));
      if (i >= 0) {
        vec = new Float32Array(wv.dimensions);
        wv.addTo(vec, 0, i, 1);
        rank = wv.rankAt(i);
      }
    }
    // A joined compound the vectors do not know ("ebike" from "e-bike") means what its head does.
    if (!vec && head) return lookup(head);
    if (cache.size >= cacheLimit) cache.clear();
    const entry = { vec, rarity: Math.log(2 + rank) };
    cache.set(key, entry);
    return entry;
  };
  const texts = new Map<string, MatchWord[]>();
  return (text) => {
    const hit = texts.get(text);
    if (hit) return hit;
    const heads = new Map<string, string>();
    const tokens = tokenize(withJoinedPrefixes(text, heads));
    if (lex === undefined) lex = loadLexicon();
    const inPhrases = lex ? lex.phraseRelations(tokens) : null;
    const words: MatchWord[] = [];
    tokens.forEach((word, k) => {
      if (isStopword(word) || chatShorthand.has(word)) return;
      const s = stem(word);
      const entry: MatchWord = { word, stem: s, ...lookup(word, heads.get(word)) };
      const single = lex?.related(wordForm(word));
      const phrase = inPhrases?.get(k);
      if (single && phrase) entry.related = new Set([...single, ...phrase]);
      else if (single ?? phrase) entry.related = single ?? phrase;
      words.push(entry);
    });
    if (texts.size >= textCacheLimit) texts.clear();
    texts.set(text, words);
    return words;
  };
}

/**
 * Chat shorthand for words the reader drops anyway ("do u deliver", "r u open", "pls"): read as
 * the stopwords they stand for, they no longer count as a visitor's word no pair holds.
 */
const chatShorthand = new Set(['u', 'ur', 'r', 'ya', 'yr', 'pls', 'plz', 'thx', 'ty']);

/**
 * Adds the joined form of each word with a hyphen after a one- or two-letter piece, as the gap
 * inbox's grouping key joins them (e-bike → ebike, wi-fi → wifi, re-clean → reclean), beside its
 * pieces: a visitor's "ebike" matches the owner's "e-bike", and "in person" still matches
 * "in-person". Records each joined word's head (the last piece: bike, fi, clean) in `heads`.
 */
function withJoinedPrefixes(text: string, heads: Map<string, string>): string {
  const joined: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{L}{1,2})[-‐‑](\p{L}+)/gu)) {
    const word = tokenize(`${m[1]}${m[2]}`)[0];
    const head = tokenize(m[2] ?? '')[0];
    if (!word || !head) continue;
    heads.set(word, head);
    joined.push(word);
  }
  return joined.length > 0 ? `${text} ${joined.join(' ')}` : text;
}

// Texts read recently (knowledge-base questions and answers come back turn after turn).
const textCacheLimit = 5_000;

let shared: WordReader | null = null;

/** The process-wide reader over the shipped word vectors. */
export function readWords(text: string): MatchWord[] {
  shared ??= createWordReader();
  return shared(text);
}
