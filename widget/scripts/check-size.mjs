// Fails (exit 1) when dist/widget.js is over the 20 KB gzipped budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const LIMIT = 20 * 1024;
const file = new URL('../dist/widget.js', import.meta.url);
const raw = readFileSync(file);
const gz = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const line = `widget.js: ${kb(raw.length)} raw, ${kb(gz)} gzipped (limit ${kb(LIMIT)})`;
if (gz > LIMIT) {
  process.stderr.write(`FAIL ${line}\n`);
  process.exit(1);
}
process.stdout.write(`ok ${line}\n`);
