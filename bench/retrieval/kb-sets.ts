/**
 * Knowledge-base sets in the `clara eval` format (kb.csv + queries.csv) for the bench: the four
 * smallbiz-dev businesses (../shared/data/smallbiz-dev, CC0) and the two in-repo dev sets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export interface KbPair {
  question: string;
  answer: string;
}

export interface KbQuery {
  query: string;
  /** The expected answer text, or null when the knowledge base does not answer it. */
  expected: string | null;
}

export interface KbSet {
  name: string;
  kb: KbPair[];
  queries: KbQuery[];
}

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where smallbiz-dev lives (the shared data folder beside the repository). */
export const smallbizDir = process.env.SMALLBIZ_DIR ?? join(here, '../../../shared/data/smallbiz-dev');
export const smallbizNames = ['vet-clinic', 'laptop-shop', 'language-school', 'home-cleaning'] as const;

/** Reads one set from a folder holding kb.csv and queries.csv. */
export function readKbSet(name: string, dir: string): KbSet {
  const kb = (
    parse(readFileSync(join(dir, 'kb.csv')), { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[]
  ).map((r) => ({ question: r.question ?? '', answer: r.answer ?? '' }));
  const queries = (
    parse(readFileSync(join(dir, 'queries.csv')), { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[]
  ).map((r) => ({ query: r.query ?? '', expected: r.expected_answer?.trim() ? r.expected_answer : null }));
  return { name, kb, queries };
}

/** The smallbiz-dev sets that exist on this machine (none when the shared folder is absent). */
export function smallbizSets(): KbSet[] {
  return smallbizNames
    .filter((n) => existsSync(join(smallbizDir, n, 'kb.csv')))
    .map((n) => readKbSet(n, join(smallbizDir, n)));
}

/** The in-repo development sets (bench/retrieval/dev). */
export function devSets(): KbSet[] {
  return ['dental', 'demo'].map((n) => readKbSet(n, join(here, 'dev', n)));
}

/** Where the training businesses live (written for fitting, never the smallbiz-dev or dev sets). */
export const trainKbDir = join(here, 'train-kb');

/** The training businesses (bench/retrieval/train-kb/<slug>/): fitted on, never scored as dev figures. */
export function trainSets(): KbSet[] {
  if (!existsSync(trainKbDir)) return [];
  return readdirSync(trainKbDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(trainKbDir, d.name, 'queries.csv')))
    .map((d) => d.name)
    .sort()
    .map((n) => readKbSet(n, join(trainKbDir, n)));
}
