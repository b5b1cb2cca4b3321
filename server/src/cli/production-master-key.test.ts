import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWireDatabase, type WireDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

// With DATABASE_URL the master key is CLARA_ENCRYPTION_KEY only: a key file generated in
// whatever folder a command ran from would differ from every other instance's key.
const root = mkdtempSync(join(tmpdir(), 'clara-prod-key-'));
let database: WireDatabase;

beforeAll(async () => {
  database = await startWireDatabase();
}, 60_000);
afterAll(async () => {
  await database?.stop();
  rmSync(root, { recursive: true, force: true });
});

const prod = (dataDir: string, extra: Record<string, string | undefined> = {}) => ({
  CLARA_DATA_DIR: dataDir,
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: '1',
  CLARA_PUBLIC_URL: 'https://clara.example.com',
  CLARA_ENCRYPTION_KEY: undefined,
  ...extra,
});

describe('the master key with DATABASE_URL', () => {
  it('clara migrate needs no key and writes no key file', async () => {
    const dataDir = join(root, 'migrate');
    const res = await runClara(['migrate'], prod(dataDir));
    expect(res.stderr).not.toContain('unexpected error');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toHaveProperty('applied');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('clara serve, start and owner invite refuse to start without CLARA_ENCRYPTION_KEY, saying how to make one', async () => {
    const dataDir = join(root, 'serve');
    for (const args of [
      ['serve', '--port', '0'],
      ['start', '--port', '0'],
      ['owner', 'invite', '--email', 'a@example.com'],
    ]) {
      const res = await runClara(args, prod(dataDir));
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr).toContain('CLARA_ENCRYPTION_KEY is required with DATABASE_URL');
      expect(res.stderr).toContain('openssl rand -base64 32');
      expect(res.stderr).not.toContain('unexpected error');
      expect(res.stdout).not.toContain('running at');
    }
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('names a key file an earlier version generated (and does not use it)', async () => {
    const dataDir = join(root, 'earlier');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'master.key'), `${'d4'.repeat(32)}\n`, { mode: 0o600 });
    const res = await runClara(['keys', 'list', '--workspace', crypto.randomUUID()], prod(dataDir));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`CLARA_ENCRYPTION_KEY=$(cat ${join(dataDir, 'master.key')})`);
    expect(res.stderr).not.toContain('d4d4');
  });

  it('with CLARA_ENCRYPTION_KEY, commands run and no key file is written', async () => {
    const dataDir = join(root, 'with-key');
    const res = await runClara(
      ['owner', 'invite', '--email', 'b@example.com'],
      prod(dataDir, { CLARA_ENCRYPTION_KEY: 'e5'.repeat(32) }),
    );
    expect(res.stderr).not.toContain('unexpected error');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).email).toBe('b@example.com');
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });
});
