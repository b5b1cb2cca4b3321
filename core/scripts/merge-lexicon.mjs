// Merges the lexicon's parts (data/lexicon-parts/*.tsv: `visitor expression<TAB>owner words`) into
// data/lexicon.tsv, the file Clara reads: one line per expression, owner words merged in order.
//   node core/scripts/merge-lexicon.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const data = fileURLToPath(new URL('../src/embedding/data/', import.meta.url));
const partsDir = join(data, 'lexicon-parts');
const merged = new Map();
for (const file of readdirSync(partsDir)
  .filter((f) => f.endsWith('.tsv'))
  .sort()) {
  for (const line of readFileSync(join(partsDir, file), 'utf8').split('\n')) {
    const [expression, owners] = line.split('\t');
    if (!expression?.trim() || !owners?.trim() || expression.startsWith('#')) continue;
    const key = expression.trim().toLowerCase().replace(/\s+/g, ' ');
    const words = merged.get(key) ?? [];
    for (const w of owners.trim().toLowerCase().split(/\s+/)) if (!words.includes(w)) words.push(w);
    merged.set(key, words);
  }
}
const lines = [...merged].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}\t${v.join(' ')}`);
const header = [
  '# How visitors say what owners write: visitor expression (1-3 words) <TAB> owner words.',
  '# Written for Clara; merged from data/lexicon-parts by core/scripts/merge-lexicon.mjs.',
];
writeFileSync(join(data, 'lexicon.tsv'), `${[...header, ...lines].join('\n')}\n`);
console.log(`lexicon.tsv: ${lines.length} expressions`);
