import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { requirePublicUrl } from '../config/require-public-url';

const root = mkdtempSync(join(tmpdir(), 'clara-public-url-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('CLARA_PUBLIC_URL is required to serve in production (issue 18 #10)', () => {
  it('production mode is NODE_ENV=production or DATABASE_URL set', () => {
    expect(loadConfig({}).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).production).toBe(true);
    expect(() => requirePublicUrl(loadConfig({ NODE_ENV: 'production' }))).toThrow(ConfigError);
    expect(() => requirePublicUrl(loadConfig({ DATABASE_URL: 'postgres://x/y' }))).toThrow(
      /CLARA_PUBLIC_URL is required/,
    );
    expect(() =>
      requirePublicUrl(loadConfig({ NODE_ENV: 'production', CLARA_PUBLIC_URL: 'https://clara.example.com' })),
    ).not.toThrow();
    // Embedded development keeps working without it.
    expect(() => requirePublicUrl(loadConfig({}))).not.toThrow();
  });

  it('clara serve stops at once with a clear message, before opening any database', async () => {
    const dataDir = join(root, 'prod');
    const embedded = await runClara(['serve', '--port', '0'], {
      CLARA_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      CLARA_PUBLIC_URL: undefined,
    });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toContain('CLARA_PUBLIC_URL is required in production');
    expect(embedded.stderr).not.toContain('unexpected error');
    expect(existsSync(dataDir)).toBe(false);
    // DATABASE_URL alone means production; nothing listens on port 1, so reaching the message
    // shows the check ran before connecting.
    const postgres = await runClara(['start', '--port', '0'], {
      CLARA_DATA_DIR: join(root, 'pg'),
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
      CLARA_PUBLIC_URL: undefined,
    });
    expect(postgres.code).toBe(1);
    expect(postgres.stderr).toContain('CLARA_PUBLIC_URL is required in production');
  });

  it('commands that do not serve run without it (clara migrate in production mode)', async () => {
    const res = await runClara(['migrate'], {
      CLARA_DATA_DIR: join(root, 'migrate'),
      NODE_ENV: 'production',
      CLARA_PUBLIC_URL: undefined,
    });
    expect(res.code).toBe(0);
  });
});
