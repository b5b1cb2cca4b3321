import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const root = mkdtempSync(join(tmpdir(), 'clara-unwritable-'));
const readOnly = join(root, 'read-only');
afterAll(() => {
  try {
    execFileSync('chattr', ['-i', readOnly], { stdio: 'ignore' });
  } catch {}
  try {
    chmodSync(readOnly, 0o700);
  } catch {}
  rmSync(root, { recursive: true, force: true });
});

/** One line on stderr, naming the folder, no stack trace and no errno dump. */
function expectPlainLine(stderr: string, folder: string) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^clara: /);
  expect(lines[0]).toContain(folder);
  expect(stderr).not.toMatch(/unexpected error|\n\s+at |acquireDataDirLock/);
}

describe('a data folder Clara cannot write (the real binary)', () => {
  it('a folder this user may not write: one plain line saying what to do', async () => {
    execFileSync('mkdir', ['-p', readOnly]);
    // Root writes anywhere chmod allows nothing: the immutable flag stops it as a read-only disk would.
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', readOnly]);
    else chmodSync(readOnly, 0o555);
    const run = await runClara(['migrate'], { CLARA_DATA_DIR: readOnly });
    expect(run.code).toBe(1);
    expectPlainLine(run.stderr, readOnly);
    expect(run.stderr).toMatch(
      /may not write to the data folder .* set CLARA_DATA_DIR to a folder it can write/,
    );
  }, 60_000);

  it('a path through a file: one plain line', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const folder = join(file, 'data');
    const run = await runClara(['migrate'], { CLARA_DATA_DIR: folder });
    expect(run.code).toBe(1);
    expectPlainLine(run.stderr, folder);
    expect(run.stderr).toMatch(/part of that path is a file/);
  }, 60_000);
});
