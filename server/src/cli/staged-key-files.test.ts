import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-staged-keys-'));
const env = { CLARA_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const staged = () => readdirSync(dataDir).filter((f) => f.startsWith('master.key.new-'));
const hexKey = () => randomBytes(32).toString('hex');

describe('master.key.new-* files an interrupted clara keys rotate left (the real binary)', () => {
  it('removes the ones the database never used, keeps and names the one it did', async () => {
    const ws = await runClara(
      ['workspace', 'create', '--email', 'staged@example.com', '--password', 'long enough'],
      env,
    );
    const id = JSON.parse(ws.stdout).workspace_id as string;
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
        'sk-staged-0123456789',
      ],
      env,
    );
    expect(add.code).toBe(0);

    // Killed before the commit: staged keys the database never used, one of them half-written.
    for (const n of ['0a1b2c3d', '4e5f6a7b', '8c9d0e1f'])
      writeFileSync(join(dataDir, `master.key.new-${n}`), `${hexKey()}\n`);
    writeFileSync(join(dataDir, 'master.key.new-deadbeef'), 'ab12');
    const list = await runClara(['keys', 'list', '--workspace', id], env);
    expect(list.code).toBe(0);
    expect(staged()).toEqual([]);
    expect((await runClara(['keys', 'verify', '--workspace', id], env)).code).toBe(0);

    // Committed but not moved: the database is under the new key, master.key still holds the old one.
    const oldKey = readFileSync(join(dataDir, 'master.key'), 'utf8');
    const newKey = hexKey();
    const rotate = await runClara(['keys', 'rotate', '--new-key', newKey], env);
    expect(rotate.code).toBe(0);
    writeFileSync(join(dataDir, 'master.key'), oldKey);
    const kept = join(dataDir, 'master.key.new-feedf00d');
    writeFileSync(kept, `${newKey}\n`, { mode: 0o600 });
    const warned = await runClara(['keys', 'list', '--workspace', id], env);
    expect(warned.code).toBe(0);
    expect(existsSync(kept)).toBe(true);
    expect(warned.stderr).toContain(`move ${kept} over ${join(dataDir, 'master.key')}`);
  }, 180_000);
});
