import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin as bin } from '../../test/run-clara';

// `clara eval` checks the queries file it is given: a header without expected_answer is refused,
// and expected answers that are no answer of the knowledge base are counted and named.
const dir = mkdtempSync(join(tmpdir(), 'clara-eval-queries-'));
const dataDir = join(dir, 'untouched');
const env = { ...process.env, CLARA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clara(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const hours = 'We are open 8 to 6, Monday to Saturday.';
const firstVisit = 'Your first visit takes an hour: an assessment and a first treatment.';
const kb = join(dir, 'kb.csv');
writeFileSync(
  kb,
  'question,answer,category\n' +
    `What are your opening hours?,"${hours}",general\n` +
    `How long is the first visit?,${firstVisit},First visit\n`,
);

describe('clara eval: the queries file', () => {
  it('refuses a header that does not name expected_answer (exit 2, before any database)', async () => {
    const queries = join(dir, 'wrong-header.csv');
    writeFileSync(
      queries,
      'query,expected_question\n' +
        'When are you open?,What are your opening hours?\n' +
        'How long does a first appointment take?,How long is the first visit?\n',
    );
    const res = await clara(['eval', '--kb', kb, '--queries', queries]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('query,expected_answer');
    expect(res.stderr).toContain('missing expected_answer');
    expect(res.stderr).toContain('clara eval --help');
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it('refuses a header without query', async () => {
    const queries = join(dir, 'no-query.csv');
    writeFileSync(queries, `question,expected_answer\nWhen are you open?,"${hours}"\n`);
    const res = await clara(['eval', '--kb', kb, '--queries', queries]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('missing query');
  }, 60_000);

  it('counts and names expected answers that match no answer of the knowledge base', async () => {
    const queries = join(dir, 'off.csv');
    writeFileSync(
      queries,
      'query,expected_answer\n' +
        `When are you open?,"${hours}"\n` +
        'How long does a first appointment take?,About an hour\n' +
        '\n' +
        `Is the first visit long?,"${firstVisit.toUpperCase()}"\n` +
        'Do you do home visits?,Yes we come to you\n' +
        'Do you sell dog food?,\n',
    );
    const res = await clara(['eval', '--kb', kb, '--queries', queries]);
    expect(res.stderr).not.toMatch(/unexpected/);
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.stdout);
    // Rows 3 and 6 (row 4 is a blank line; row 5 differs from the KB's answer only in case).
    expect(summary).toMatchObject({ n: 5, answerable: 4, unmatched_expected: 2 });
    const warnings = res.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2 of 5 expected answers match no answer');
    expect(warnings[0]).toContain('rows 3, 6 of');
  }, 120_000);

  it('reports no unmatched expected answers for a file that belongs to the knowledge base', async () => {
    const queries = join(dir, 'good.csv');
    writeFileSync(queries, `query,expected_answer\nWhen are you open?,"${hours}"\nDo you sell dog food?,\n`);
    const res = await clara(['eval', '--kb', kb, '--queries', queries]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ n: 2, answerable: 1, unmatched_expected: 0 });
    expect(res.stderr).not.toContain('warning');
  }, 120_000);
});
