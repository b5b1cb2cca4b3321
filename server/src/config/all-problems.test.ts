import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';
import { loadConfig } from './load-config';

const root = mkdtempSync(join(tmpdir(), 'clara-all-problems-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('loadConfig did not throw');
};

describe('start-up names every missing or invalid setting in one message', () => {
  it('loadConfig lists the public URL, the master key, bad values and a half-set channel together', () => {
    const message = messageOf(() =>
      loadConfig(
        {
          DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
          CLARA_SIGNUP: 'sometimes',
          SUPABASE_URL: 'https://x.supabase.co',
          MICROSOFT_APP_ID: 'app-1',
          SLACK_CLIENT_ID: '123.456',
        },
        { serving: true, needsMasterKey: true },
      ),
    );
    expect(message).toMatch(/^Invalid configuration:\n/);
    for (const named of [
      'CLARA_PUBLIC_URL is required in production',
      'CLARA_ENCRYPTION_KEY is required with DATABASE_URL',
      'CLARA_SIGNUP:',
      'set both SUPABASE_URL and SUPABASE_ANON_KEY',
      'set TEAMS_WORKSPACE_ID',
      '"Add to Slack" needs all of',
    ])
      expect(message).toContain(named);
  });

  it('an invalid CLARA_ENCRYPTION_KEY is named with the rest, and its value never', () => {
    const message = messageOf(() =>
      loadConfig({ CLARA_ENCRYPTION_KEY: 'not-a-key-at-all', PORT: 'eighty' }, { serving: true }),
    );
    expect(message).toContain('CLARA_ENCRYPTION_KEY must be 32 bytes');
    expect(message).toContain('PORT:');
    expect(message).not.toContain('not-a-key-at-all');
  });

  it('an invalid CLARA_PUBLIC_URL is named once, not also as missing', () => {
    const message = messageOf(() =>
      loadConfig({ NODE_ENV: 'production', CLARA_PUBLIC_URL: 'clara.example' }, { serving: true }),
    );
    expect(message).toContain('CLARA_PUBLIC_URL:');
    expect(message).not.toContain('CLARA_PUBLIC_URL is required');
  });

  it('a command that needs neither runs as before', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x/y' }, { needsMasterKey: false });
    expect(config.production).toBe(true);
  });

  it('clara serve with DATABASE_URL alone names both CLARA_PUBLIC_URL and CLARA_ENCRYPTION_KEY', async () => {
    const res = await runClara(['serve', '--port', '0'], {
      CLARA_DATA_DIR: join(root, 'serve'),
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
      CLARA_PUBLIC_URL: undefined,
      CLARA_ENCRYPTION_KEY: undefined,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('CLARA_PUBLIC_URL is required in production');
    expect(res.stderr).toContain('CLARA_ENCRYPTION_KEY is required with DATABASE_URL');
    expect(res.stderr).not.toContain('unexpected error');
  });
});
