import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKey, type VaultLogger } from './load-master-key';
import { parseMasterKey } from './master-key';
import { VaultError } from './vault-error';

const hexKey = 'a1'.repeat(32);

function recorder(): VaultLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (_fields, m) => lines.push(`info ${m}`),
    warn: (_fields, m) => lines.push(`warn ${m}`),
  };
}

describe('parseMasterKey', () => {
  it('accepts 32 bytes as hex, base64 and base64url', () => {
    const bytes = Buffer.from(hexKey, 'hex');
    expect(parseMasterKey(hexKey).equals(bytes)).toBe(true);
    expect(parseMasterKey(` ${bytes.toString('base64')}\n`).equals(bytes)).toBe(true);
    expect(parseMasterKey(bytes.toString('base64url')).equals(bytes)).toBe(true);
  });

  it.each(['', 'short', 'a1'.repeat(31), 'zz'.repeat(32), Buffer.alloc(24).toString('base64')])(
    'rejects %j without echoing it',
    (value) => {
      try {
        parseMasterKey(value);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(VaultError);
        expect((error as VaultError).code).toBe('invalid_master_key');
        expect((error as VaultError).message).toContain('CLARA_ENCRYPTION_KEY');
        if (value.length > 4) expect((error as VaultError).message).not.toContain(value);
      }
    },
  );
});

describe('loadOrCreateMasterKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clara-vault-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prefers CLARA_ENCRYPTION_KEY and writes no file', async () => {
    const logger = recorder();
    const loaded = await loadOrCreateMasterKey({ dataDir: dir, envKey: hexKey, logger });
    expect(loaded.source).toBe('env');
    expect(loaded.key.toString('hex')).toBe(hexKey);
    await expect(stat(join(dir, 'master.key'))).rejects.toThrow();
  });

  it('generates a 0600 key file once, says so without the key, and reuses it', async () => {
    const logger = recorder();
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadOrCreateMasterKey({ dataDir, logger });
    expect(first.source).toBe('generated');
    expect(first.key.length).toBe(32);
    const path = join(dataDir, 'master.key');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path, 'utf8')).trim()).toBe(first.key.toString('hex'));
    expect(logger.lines.join('\n')).toContain('generated a new master key');
    expect(logger.lines.join('\n')).not.toContain(first.key.toString('hex'));
    expect(logger.lines.join('\n')).not.toContain(first.key.toString('base64'));

    const second = await loadOrCreateMasterKey({ dataDir, envKey: '', logger: recorder() });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('tightens a key file others can read', async () => {
    const path = join(dir, 'master.key');
    await writeFile(path, hexKey);
    await chmod(path, 0o644); // whatever the umask
    const logger = recorder();
    const loaded = await loadOrCreateMasterKey({ dataDir: dir, logger });
    expect(loaded.key.toString('hex')).toBe(hexKey);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(logger.lines.some((l) => l.startsWith('warn'))).toBe(true);
  });

  it('refuses a corrupt key file instead of replacing it', async () => {
    await writeFile(join(dir, 'master.key'), 'not a key', { mode: 0o600 });
    await expect(loadOrCreateMasterKey({ dataDir: dir, logger: recorder() })).rejects.toMatchObject({
      code: 'invalid_master_key',
    });
    expect(await readFile(join(dir, 'master.key'), 'utf8')).toBe('not a key');
  });
});
