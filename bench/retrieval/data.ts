/** BANKING77 loading and the three evaluation settings (deterministic, seeded). */
import { readFileSync } from 'node:fs';
import { parseCsv } from '@clara/core/testing/llm';

export interface Row {
  text: string;
  category: string;
}

/** Reads a `text,category` CSV with the shared RFC 4180 parser, skipping blank lines. */
export function readCsv(path: string): Row[] {
  const rows = parseCsv(readFileSync(path, 'utf8')).filter((r) => r.some((f) => f !== ''));
  const [header, ...body] = rows;
  const ti = header?.indexOf('text') ?? 0;
  const ci = header?.indexOf('category') ?? 1;
  return body.map((r) => ({ text: r[ti] ?? '', category: r[ci] ?? '' }));
}

/** Mulberry32: a small seeded PRNG so splits are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A query with the category expected at the top, or null when nothing in the KB answers it. */
export interface Query {
  text: string;
  expected: string | null;
}

export interface Setting {
  name: string;
  kb: Row[];
  queries: Query[];
}

function byCategory(rows: readonly Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) map.set(r.category, [...(map.get(r.category) ?? []), r]);
  return map;
}

/**
 * One KB structure: `perIntent` rows per intent (null = all), with only `keepShare` of the intents
 * in the KB; queries of the other intents expect nothing (gaps).
 */
export function kbStructure(
  kbRows: readonly Row[],
  queryRows: readonly Row[],
  perIntent: number | null,
  keepShare: number,
  seed: number,
  name?: string,
): Setting {
  const groups = byCategory(kbRows);
  const cats = shuffle([...groups.keys()].sort(), seed);
  const kept = new Set(cats.slice(0, Math.round(cats.length * keepShare)));
  const kb: Row[] = [];
  for (const [cat, rows] of groups) {
    if (!kept.has(cat)) continue;
    kb.push(...(perIntent === null ? rows : shuffle(rows, seed).slice(0, perIntent)));
  }
  const label = `${perIntent === null ? 'all' : `${perIntent}-per-intent`}${keepShare < 1 ? `, ${Math.round(keepShare * 100)}%-intents+gaps` : ''}`;
  return {
    name: name ?? label,
    kb,
    queries: queryRows.map((r) => ({ text: r.text, expected: kept.has(r.category) ? r.category : null })),
  };
}

/**
 * The evaluation settings: the issue's three (all KB rows; `perIntent` rows per intent; all rows of
 * `keepShare` of the intents, the rest gaps) plus the typical owner KB: one question per intent,
 * without and with gaps.
 */
export function buildSettings(
  kbRows: readonly Row[],
  queryRows: readonly Row[],
  seed = 77,
  perIntent = 10,
  keepShare = 0.75,
): Setting[] {
  return [
    kbStructure(kbRows, queryRows, null, 1, seed, 'all'),
    kbStructure(kbRows, queryRows, perIntent, 1, seed, `${perIntent}-per-intent`),
    kbStructure(kbRows, queryRows, null, keepShare, seed, `${Math.round(keepShare * 100)}%-intents+gaps`),
    kbStructure(kbRows, queryRows, 1, 1, seed, '1-per-intent'),
    kbStructure(
      kbRows,
      queryRows,
      1,
      keepShare,
      seed,
      `1-per-intent, ${Math.round(keepShare * 100)}%-intents+gaps`,
    ),
  ];
}

/** The calibration mixture (train only): 1, 3, 10 and all rows per intent, each with a quarter of the intents as gaps. */
export function fitStructures(kbRows: readonly Row[], queryRows: readonly Row[], seed: number): Setting[] {
  return [1, 3, 10, null].map((n, i) => kbStructure(kbRows, queryRows, n, 0.75, seed + i));
}

/** Splits train into a tuning KB and held-out tuning queries (`share` of each intent's rows). */
export function holdOut(rows: readonly Row[], share = 0.2, seed = 1): { kb: Row[]; queries: Row[] } {
  const kb: Row[] = [];
  const queries: Row[] = [];
  for (const group of byCategory(rows).values()) {
    const s = shuffle(group, seed);
    const n = Math.round(s.length * share);
    queries.push(...s.slice(0, n));
    kb.push(...s.slice(n));
  }
  return { kb, queries };
}

export const bankingDir =
  process.env.BANKING77_DIR ?? new URL('../../../shared/data/banking77/', import.meta.url).pathname;

/** One answer text per intent, e.g. `card_arrival` → "Answer about card arrival." (as in the `clara eval` CSVs). */
export const answerOf = (category: string) => `Answer about ${category.replace(/_/g, ' ')}.`;
