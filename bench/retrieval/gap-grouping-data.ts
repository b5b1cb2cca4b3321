/** smallbiz-dev's gap questions and the variants `gap-grouping.ts` groups them with. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '@clara/core/testing/llm';
import { smallbizDir, smallbizNames } from './kb-sets';

export interface GapQuestion {
  question: string;
  /** The same question as other visitors might type it. */
  variants: Variant[];
}

/** A variant of a question and how it was made. */
export interface Variant {
  kind: 'chat' | 'shouted' | 'typo' | 'plural' | 'spelling';
  text: string;
}

/** Rows 121–155 after the header: in-domain gaps and off-topic questions (README of smallbiz-dev). */
const gapRows = { from: 120, to: 155 };

/** Each business's gap questions (expected answer empty), with their variants. */
export function readQueriesFile(): { name: string; items: GapQuestion[] }[] {
  return smallbizNames
    .filter((name) => existsSync(join(smallbizDir, name, 'queries.csv')))
    .map((name) => {
      const [, ...rows] = parseCsv(readFileSync(join(smallbizDir, name, 'queries.csv'), 'utf8'));
      const gaps = rows.slice(gapRows.from, gapRows.to).filter((r) => r[1] === '' && r[0]);
      return { name, items: gaps.map((r) => ({ question: r[0] ?? '', variants: variantsOf(r[0] ?? '') })) };
    });
}

/** Spellings a visitor may use for the same word (either way round). */
const spellings: [RegExp, string][] = [
  [/\bwi-?fi\b/i, 'WiFi'],
  [/\be-mail\b/i, 'email'],
  [/\bemail\b/i, 'e-mail'],
  [/\bonline\b/i, 'on-line'],
  [/\bcafe\b/i, 'café'],
  [/\bcafé\b/i, 'cafe'],
];

/** Chat style, shouted, a typo, a plural toggled, and a spelling swap where one applies. */
export function variantsOf(question: string): Variant[] {
  const out: Variant[] = [
    {
      kind: 'chat',
      text: question
        .toLowerCase()
        .replace(/[?!.,;:]/g, '')
        .trim(),
    },
    { kind: 'shouted', text: `${question.toUpperCase().replace(/[?!.]+$/, '')}??` },
    { kind: 'typo', text: withTypo(question) },
    { kind: 'plural', text: withPluralToggled(question) },
  ];
  const swap = spellings.find(([re]) => re.test(question));
  if (swap) out.push({ kind: 'spelling', text: question.replace(swap[0], swap[1]) });
  else if (/\p{L}-\p{L}/u.test(question)) {
    out.push({ kind: 'spelling', text: question.replace(/(\p{L})-(\p{L})/u, '$1 $2') });
  }
  const seen = new Set([question]);
  return out.filter((v) => !seen.has(v.text) && Boolean(seen.add(v.text)));
}

/** Two letters in the middle of the longest word swapped ("vaccination" → "vaccinaiton"). */
function withTypo(question: string): string {
  const words = question.match(/\p{L}{5,}/gu) ?? [];
  const longest = words.sort((a, b) => b.length - a.length)[0];
  if (!longest) return question;
  const i = Math.floor(longest.length / 2);
  const typo = `${longest.slice(0, i)}${longest[i + 1]}${longest[i]}${longest.slice(i + 2)}`;
  return question.replace(longest, typo);
}

/** The last word of three letters or more made plural, or singular if it ends in "s". */
function withPluralToggled(question: string): string {
  const words = [...question.matchAll(/\p{L}{3,}/gu)];
  const last = words.at(-1);
  if (!last || last.index === undefined) return question;
  const word = last[0];
  const toggled = word.endsWith('s') ? word.slice(0, -1) : `${word}s`;
  return question.slice(0, last.index) + toggled + question.slice(last.index + word.length);
}
