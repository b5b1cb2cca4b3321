import { type MatchWord, readWords, spelledAlike, wordSimilarity } from '../embedding/word-match';

/** What the ranker reads of one candidate pair. */
export interface PoolCandidate {
  question: string;
  answer: string;
  /** Cosine of the query with the pair's stored vector. */
  similarity: number;
}

/** Word-level signals of one candidate, read against the whole candidate pool. */
export interface CandidateSignals {
  /**
   * Soft coverage of the query's content words by the pair's question and answer: each query word's
   * best match (same stem 1, spelled alike 0.9, else word-vector cosine), weighted by how rare the
   * word is *in this pool* (a word every candidate has tells nothing apart). In [0, 1].
   */
  cover: number;
  /** The same with exact matches only (same stem or spelled alike). */
  exact: number;
  /** Soft coverage of the pair's *question* words by the query, weighted the same way. */
  reverse: number;
  /** The same with exact matches only (same stem or spelled alike): the visitor asked the owner's words. */
  reverseExact: number;
  /** Share of the query's content words (pool-weighted) that no candidate in the pool has. */
  unseen: number;
  /**
   * Word alignment: the same best matches as `cover`, weighted by each word's global rarity
   * (log(2 + frequency rank)) instead of its rarity in the pool.
   */
  align: number;
}

/** One distinct word of the pool with the candidates that hold it. */
interface PoolWord {
  word: MatchWord;
  holders: number[];
}

/**
 * Computes every candidate's word signals for one query. Pool document frequency gives each word
 * its weight: idf = ln((N + 1) / (df + 0.5)), N the distinct answers in the pool, df those whose
 * candidates spell it alike.
 * Words are compared once against the pool's distinct words, not once per candidate.
 */
export function poolSignals(
  query: string,
  candidates: readonly PoolCandidate[],
  read: (text: string) => MatchWord[] = readWords,
): CandidateSignals[] {
  const q = dedupe(read(query));
  const n = candidates.length;
  // Rarity is counted over distinct answers: ten phrasings of one answer are one document, so
  // the words that tell that answer apart keep their weight.
  const groupIds = new Map<string, number>();
  const groupOf = candidates.map((c) => {
    const key = c.answer.trim().toLowerCase().replace(/\s+/g, ' ');
    let g = groupIds.get(key);
    if (g === undefined) {
      g = groupIds.size;
      groupIds.set(key, g);
    }
    return g;
  });
  const groups = groupIds.size;
  const dfOf = (alike: Uint8Array) => {
    const seen = new Uint8Array(groups);
    let df = 0;
    for (let i = 0; i < n; i++)
      if (alike[i] && !seen[groupOf[i] as number]) {
        seen[groupOf[i] as number] = 1;
        df++;
      }
    return df;
  };
  const vocab = new Map<string, PoolWord>();
  const questions: MatchWord[][] = [];
  candidates.forEach((c, i) => {
    const question = read(c.question);
    questions.push(dedupe(question));
    for (const word of [...question, ...read(c.answer)]) {
      const entry = vocab.get(word.word);
      if (!entry) vocab.set(word.word, { word, holders: [i] });
      else if (entry.holders.at(-1) !== i) entry.holders.push(i);
    }
  });
  const pool = [...vocab.values()];
  /** Per candidate: the word's best similarity there, and whether it is spelled alike there. */
  const scan = (word: MatchWord) => {
    const best = new Float64Array(n);
    const alike = new Uint8Array(n);
    for (const entry of pool) {
      const sim = wordSimilarity(word, entry.word);
      if (sim <= 0) continue;
      const same = sim >= 0.9 && spelledAlike(word, entry.word);
      for (const i of entry.holders) {
        if (sim > (best[i] as number)) best[i] = sim;
        if (same) alike[i] = 1;
      }
    }
    return { best, alike, idf: Math.log((groups + 1) / (dfOf(alike) + 0.5)) };
  };
  const qScans = q.map(scan);
  const qTotal = qScans.reduce((a, x) => a + x.idf, 0);
  const rarityTotal = q.reduce((a, w) => a + w.rarity, 0);
  const maxIdf = Math.log((groups + 1) / 0.5);
  const unseen = qTotal > 0 ? qScans.reduce((a, x) => a + (x.idf >= maxIdf ? x.idf : 0), 0) / qTotal : 0;
  // Question words are weighted by their pool rarity too (one scan per distinct stem).
  const idfCache = new Map<string, number>();
  const stemIdf = (word: MatchWord) => {
    let v = idfCache.get(word.stem);
    if (v === undefined) {
      const alike = new Uint8Array(n);
      for (const entry of pool)
        if (spelledAlike(word, entry.word)) for (const i of entry.holders) alike[i] = 1;
      v = Math.log((groups + 1) / (dfOf(alike) + 0.5));
      idfCache.set(word.stem, v);
    }
    return v;
  };
  return candidates.map((_, i) => {
    let cover = 0;
    let exact = 0;
    let align = 0;
    qScans.forEach((x, k) => {
      cover += x.idf * (x.best[i] as number);
      align += (q[k] as MatchWord).rarity * (x.best[i] as number);
      if (x.alike[i]) exact += x.idf;
    });
    let revNum = 0;
    let revExact = 0;
    let revDen = 0;
    for (const word of questions[i] ?? []) {
      const w = stemIdf(word);
      let best = 0;
      let alike = false;
      for (const qw of q) {
        best = Math.max(best, wordSimilarity(word, qw));
        alike ||= spelledAlike(word, qw);
      }
      revNum += w * best;
      if (alike) revExact += w;
      revDen += w;
    }
    return {
      cover: qTotal > 0 ? cover / qTotal : 0,
      exact: qTotal > 0 ? exact / qTotal : 0,
      reverse: revDen > 0 ? revNum / revDen : 0,
      reverseExact: revDen > 0 ? revExact / revDen : 0,
      unseen,
      align: rarityTotal > 0 ? align / rarityTotal : 0,
    };
  });
}

function dedupe(words: readonly MatchWord[]): MatchWord[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    if (seen.has(w.stem)) return false;
    seen.add(w.stem);
    return true;
  });
}
