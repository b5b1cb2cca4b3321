/** BANKING77 loading and the three evaluation settings (deterministic, seeded). */
import { readFileSync } from 'node:fs';

export interface Row {
  text: string;
  category: string;
}

/** Minimal CSV reader for `text,category` files (RFC 4180 quoting). */
export function readCsv(path: string): Row[] {
  const src = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field), (field = '');
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
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

/** The three settings: all KB rows; `perIntent` rows per intent; `keepShare` of intents (rest are gaps). */
export function buildSettings(kbRows: readonly Row[], queryRows: readonly Row[], seed = 77, perIntent = 10, keepShare = 0.75): Setting[] {
  const all: Setting = { name: 'all', kb: [...kbRows], queries: queryRows.map((r) => ({ text: r.text, expected: r.category })) };
  const few: Row[] = [];
  for (const rows of byCategory(kbRows).values()) few.push(...shuffle(rows, seed).slice(0, perIntent));
  const fewSetting: Setting = { name: `${perIntent}-per-intent`, kb: few, queries: all.queries };
  const cats = shuffle([...byCategory(kbRows).keys()].sort(), seed);
  const kept = new Set(cats.slice(0, Math.round(cats.length * keepShare)));
  const gaps: Setting = {
    name: `${Math.round(keepShare * 100)}%-intents+gaps`,
    kb: kbRows.filter((r) => kept.has(r.category)),
    queries: queryRows.map((r) => ({ text: r.text, expected: kept.has(r.category) ? r.category : null })),
  };
  return [all, fewSetting, gaps];
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

export const bankingDir = process.env.BANKING77_DIR ?? new URL('../../../shared/data/banking77/', import.meta.url).pathname;
