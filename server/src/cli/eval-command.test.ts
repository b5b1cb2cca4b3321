import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin as bin } from '../../test/run-clara';

const dir = mkdtempSync(join(tmpdir(), 'clara-eval-'));
// CLARA_DATA_DIR points at a folder that must stay empty: eval uses its own temporary database.
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

const hours = 'We are open 9 to 5, Monday to Friday.';
const shipping = 'Shipping is free over $50, otherwise $5.';
const returns = 'Returns are accepted within 30 days.';

describe('clara eval', () => {
  it('asks every query as a chat turn on a fresh database and reports per-query results and a summary', async () => {
    const kb = join(dir, 'kb.csv');
    const queries = join(dir, 'queries.csv');
    const results = join(dir, 'results.jsonl');
    writeFileSync(
      kb,
      'question,answer,category\n' +
        `What are your opening hours?,"${hours}",general\n` +
        `When are you open?,"${hours}",general\n` +
        `How much does shipping cost?,"${shipping}",pricing\n` +
        `Can I return an item?,"${returns}",retention\n`,
    );
    writeFileSync(
      queries,
      'query,expected_answer\n' +
        `What are your opening hours?,"${hours}"\n` +
        `How much does shipping cost?,"${shipping}"\n` +
        `Can I return an item?,"${returns}"\n` +
        'What is the capital of Mongolia?,\n' +
        'Do you sell gift cards for birthdays?,\n',
    );
    const res = await clara(['eval', '--kb', kb, '--queries', queries, '--out', results]);
    expect(res.stderr).not.toMatch(/unexpected/);
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({
      n: 5,
      top1_accuracy: 1,
      recall_at_5: 1,
      mrr: 1,
      gap_precision: 1,
      gap_recall: 1,
      gap_f1: 1,
      threshold: 0.78,
      kb_pairs: 4,
    });
    expect(summary.latency_ms.p50).toBeGreaterThan(0);
    expect(summary.latency_ms.p95).toBeGreaterThanOrEqual(summary.latency_ms.p50);
    const lines = readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({
      query: 'What are your opening hours?',
      expected_answer: hours,
      gap_detected: false,
    });
    expect(lines[0].matches[0]).toMatchObject({ question: 'What are your opening hours?', answer: hours });
    // Pairs are stored as question + answer: a verbatim question is close, not identical.
    expect(lines[0].matches[0].similarity).toBeGreaterThan(0.75);
    expect(lines[0].matches.length).toBeLessThanOrEqual(5);
    expect(lines[0].confidence).toBeGreaterThanOrEqual(0.9);
    expect(lines[3]).toMatchObject({ expected_answer: null, gap_detected: true });
    expect(lines[3].confidence).toBeLessThan(0.5);
    // The configured data directory was never opened.
    expect(() => readFileSync(join(dataDir, 'PG_VERSION'))).toThrow();
  });

  it('applies --threshold and refuses bad arguments', async () => {
    const kb = join(dir, 'kb.csv');
    const queries = join(dir, 'queries.csv');
    const high = await clara(['eval', '--kb', kb, '--queries', queries, '--threshold', '0.95']);
    expect(high.code).toBe(0);
    expect(JSON.parse(high.stdout).threshold).toBe(0.95);
    expect((await clara(['eval', '--kb', kb])).code).toBe(2);
    expect((await clara(['eval', '--kb', kb, '--queries', queries, '--threshold', '2'])).code).toBe(2);
    expect((await clara(['eval', '--kb', join(dir, 'missing.csv'), '--queries', queries])).code).toBe(2);
  }, 180_000);
});
