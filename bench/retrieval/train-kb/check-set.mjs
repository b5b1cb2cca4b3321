// Checks one training set folder (kb.csv + queries.csv) against the format in README.md.
// Usage: node bench/retrieval/train-kb/check-set.mjs bench/retrieval/train-kb/<slug>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c === '\r') throw new Error('CR found: use \\n line endings');
    else field += c;
  }
  if (field !== '' || row.length) throw new Error('file must end with a newline');
  return rows;
}

const dir = process.argv[2];
const problems = [];
const kb = parseCsv(readFileSync(join(dir, 'kb.csv'), 'utf8'));
const q = parseCsv(readFileSync(join(dir, 'queries.csv'), 'utf8'));
if (kb[0].join() !== 'question,answer,category') problems.push('kb.csv header');
if (q[0].join() !== 'query,expected_answer') problems.push('queries.csv header');
const answers = new Map();
const cats = new Set(['pricing', 'process', 'general', 'retention', 'comparisons']);
for (const r of kb.slice(1)) {
  if (r.length !== 3) problems.push(`kb row with ${r.length} fields: ${r[0]}`);
  if (answers.has(r[1])) problems.push(`duplicate answer: ${r[1].slice(0, 40)}`);
  answers.set(r[1], 0);
  if (!cats.has(r[2])) problems.push(`bad category ${r[2]}`);
}
if (answers.size < 25) problems.push(`only ${answers.size} pairs`);
let unanswerable = 0;
for (const r of q.slice(1)) {
  if (r.length !== 2) problems.push(`query row with ${r.length} fields: ${r[0]}`);
  if (r[1] === '') {
    unanswerable++;
    continue;
  }
  if (!answers.has(r[1])) problems.push(`expected_answer not in kb.csv: ${r[1].slice(0, 50)}`);
  else answers.set(r[1], answers.get(r[1]) + 1);
}
for (const [a, n] of answers) if (n !== 4) problems.push(`${n} queries for answer: ${a.slice(0, 50)}`);
const seen = new Set();
for (const r of q.slice(1)) {
  if (seen.has(r[0])) problems.push(`duplicate query ${r[0]}`);
  seen.add(r[0]);
}
console.log(`${dir}: ${answers.size} pairs, ${q.length - 1} queries, ${unanswerable} unanswerable`);
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log('ok');
