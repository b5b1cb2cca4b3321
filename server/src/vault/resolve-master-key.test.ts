import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveMasterKey } from './resolve-master-key';

const logger = { info: () => {}, warn: () => {} };
const hexKey = 'b2'.repeat(32);

describe('resolveMasterKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clara-resolve-key-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('embedded mode keeps the zero-setup key file in the data directory', async () => {
    const dataDir = join(dir, 'data');
    const loaded = await resolveMasterKey({ dataDir, logger, production: false, needsKey: false });
    expect(loaded?.source).toBe('generated');
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true);
  });

  it('with DATABASE_URL: CLARA_ENCRYPTION_KEY, and never a file', async () => {
    const dataDir = join(dir, 'data');
    const loaded = await resolveMasterKey({
      dataDir,
      envKey: hexKey,
      logger,
      production: true,
      needsKey: true,
    });
    expect(loaded?.key.toString('hex')).toBe(hexKey);
    expect(await resolveMasterKey({ dataDir, logger, production: true, needsKey: false })).toBeNull();
    expect(existsSync(dataDir)).toBe(false);
  });

  it('with DATABASE_URL and no key, a command that needs one is refused with how to make one', async () => {
    const dataDir = join(dir, 'data');
    const refused = resolveMasterKey({ dataDir, logger, production: true, needsKey: true });
    await expect(refused).rejects.toMatchObject({ code: 'master_key_required' });
    await expect(refused).rejects.toThrow(
      /CLARA_ENCRYPTION_KEY is required with DATABASE_URL.*openssl rand -base64 32/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names a key file an earlier version generated, and does not read it', async () => {
    await writeFile(join(dir, 'master.key'), `${'c3'.repeat(32)}\n`, { mode: 0o600 });
    const refused = resolveMasterKey({ dataDir: dir, logger, production: true, needsKey: true });
    await expect(refused).rejects.toThrow(`CLARA_ENCRYPTION_KEY=$(cat ${join(dir, 'master.key')})`);
    await expect(refused).rejects.not.toThrow('c3c3');
  });
});
