import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-keys-verify-'));
const env = { CLARA_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clara keys verify (the real binary)', () => {
  it('exits 0 when every key decrypts and 1 when one does not', async () => {
    const ws = await runClara(
      ['workspace', 'create', '--email', 'verify@example.com', '--password', 'long enough'],
      env,
    );
    expect(ws.code).toBe(0);
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
        'sk-verify-0123456789',
      ],
      env,
    );
    expect(add.code).toBe(0);

    const good = await runClara(['keys', 'verify', '--workspace', id], env);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ failed: 0 });

    // Another master key in the file: the stored key no longer decrypts.
    writeFileSync(join(dataDir, 'master.key'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const bad = await runClara(['keys', 'verify', '--workspace', id], env);
    expect(JSON.parse(bad.stdout)).toMatchObject({ failed: 1, keys: [{ ok: false }] });
    expect(bad.code).toBe(1);
  }, 120_000);
});
