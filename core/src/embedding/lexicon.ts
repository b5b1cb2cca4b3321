import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStopword, tokenize } from './tokenize';

/**
 * How visitors say what owners write: "jabs" for vaccinations, "put down" for euthanasia, "money
 * off" for a discount. Each entry relates a visitor expression (one to three words) to the words an
 * owner would use; the re-ranker reads a related word as a near match (`wordSimilarity`).
 */
export interface Lexicon {
  /** Owner word forms related to a single word's form (`wordForm`), in both directions. */
  related(form: string): ReadonlySet<string> | undefined;
  /** Related word forms for each content word of the phrases found in `tokens` (all words, in order). */
  phraseRelations(tokens: readonly string[]): Map<number, ReadonlySet<string>>;
}

const fileName = 'lexicon.tsv';

/**
 * A word's form for the lexicon: lower case, a plural folded to its singular ("jabs" → "jab",
 * "allergies" → "allergy"). Not the stemmer's stem, which would join unrelated words ("rating" and
 * "rats" → "rat", "careers" and "care").
 */
export function wordForm(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
const maxPhrase = 3;

/** Parses `expression<TAB>owner words` lines (blank lines and `#` comments skipped). */
export function parseLexicon(text: string): Lexicon {
  const single = new Map<string, Set<string>>();
  const phrases = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, values: Iterable<string>) => {
    const set = map.get(key) ?? new Set<string>();
    map.set(key, set);
    for (const v of values) if (v !== key) set.add(v);
  };
  for (const line of text.split('\n')) {
    const [expression, owners] = line.split('\t');
    if (!expression || !owners || expression.startsWith('#')) continue;
    const words = tokenize(expression);
    const targets = tokenize(owners)
      .filter((w) => !isStopword(w))
      .map(wordForm);
    if (words.length === 0 || words.length > maxPhrase || targets.length === 0) continue;
    if (words.length === 1) {
      const [word] = words as [string];
      if (isStopword(word)) continue;
      const key = wordForm(word);
      add(single, key, targets);
      for (const t of targets) add(single, t, [key]);
    } else add(phrases, words.join(' '), targets);
  }
  return {
    related: (s) => single.get(s),
    phraseRelations(tokens) {
      const out = new Map<number, ReadonlySet<string>>();
      for (let i = 0; i < tokens.length; i++)
        for (let n = 2; n <= maxPhrase && i + n <= tokens.length; n++) {
          const targets = phrases.get(tokens.slice(i, i + n).join(' '));
          if (!targets) continue;
          for (let k = i; k < i + n; k++) {
            if (isStopword(tokens[k] as string)) continue;
            const prev = out.get(k);
            out.set(k, prev ? new Set([...prev, ...targets]) : targets);
          }
        }
      return out;
    },
  };
}

function candidatePaths(): string[] {
  const paths: string[] = [];
  try {
    paths.push(join(dirname(fileURLToPath(import.meta.url)), 'data', fileName));
  } catch {
    // import.meta.url is not a file URL (bundled); fall through to package resolution.
  }
  try {
    const entry = createRequire(join(process.cwd(), 'index.js')).resolve('@clara/core');
    paths.push(join(dirname(entry), 'embedding', 'data', fileName));
  } catch {
    // @clara/core not resolvable from the working directory.
  }
  return paths;
}

let cached: Lexicon | null | undefined;

/** The bundled lexicon (`data/lexicon.tsv`), or null when it cannot be read. */
export function loadLexicon(path?: string): Lexicon | null {
  if (!path && cached !== undefined) return cached;
  let found: Lexicon | null = null;
  for (const p of path ? [path] : candidatePaths()) {
    try {
      found = parseLexicon(readFileSync(p, 'utf8'));
      break;
    } catch {
      // try the next place
    }
  }
  if (!path) cached = found;
  return found;
}
