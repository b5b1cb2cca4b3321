import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const dirs: string[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'clara-missing-key-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function workspace(env: Record<string, string>) {
  const run = await runClara(
    ['workspace', 'create', '--email', 'owner@example.com', '--password', 'long enough'],
    env,
  );
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).workspace_id as string;
}

describe('a missing embedded master.key (the real binary)', () => {
  it('is not replaced once a key is stored: the command exits 1 naming the file; restored, all works', async () => {
    const dir = dataDir();
    const env = { CLARA_DATA_DIR: dir };
    const id = await workspace(env);
    const keyFile = join(dir, 'master.key');
    expect(existsSync(keyFile)).toBe(true);
    const add = await runClara(
      [
        'keys',
        'add',
        '--workspace',
        id,
        '--provider',
        'openai',
        '--model',
        'gpt-4o',
        '--key',
        'sk-missing-0123456789',
      ],
      env,
    );
    expect(add.code).toBe(0);

    const backup = join(tmpdir(), `${dir.split('/').pop()}-master.key`);
    renameSync(keyFile, backup);
    dirs.push(backup);
    const refused = await runClara(['keys', 'list', '--workspace', id], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The master key file ${keyFile} is missing`);
    expect(refused.stderr).toMatch(/Restore your backup of master\.key .* or set CLARA_ENCRYPTION_KEY/);
    expect(refused.stderr).not.toMatch(/generated a new master key/);
    expect(readdirSync(dir).filter((f) => f.startsWith('master.key'))).toEqual([]);
    // Any command: migrate too.
    expect((await runClara(['migrate'], env)).code).toBe(1);
    expect(existsSync(keyFile)).toBe(false);

    renameSync(backup, keyFile);
    const verify = await runClara(['keys', 'verify', '--workspace', id], env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ failed: 0 });
  }, 180_000);

  it('is generated in a fresh folder, and again while the database holds no sealed secret', async () => {
    const dir = dataDir();
    const env = { CLARA_DATA_DIR: dir };
    await workspace(env);
    const keyFile = join(dir, 'master.key');
    expect(existsSync(keyFile)).toBe(true);
    rmSync(keyFile);
    const again = await runClara(['migrate'], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/generated a new master key/);
    expect(existsSync(keyFile)).toBe(true);
  }, 180_000);
});
