import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from './env-schema';
import { loadConfig } from './load-config';

const example = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'deploy', 'clara.env.example'),
  'utf8',
);

describe('deploy/clara.env.example', () => {
  it('lists every variable Clara reads, and nothing else', () => {
    const listed = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('is valid configuration once its placeholders are filled in', () => {
    const env = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map(([, name, value]) => [name, value]),
    );
    const filled = {
      ...env,
      DATABASE_URL: 'postgresql://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres',
      SUPABASE_URL: 'https://ref.supabase.co',
      SUPABASE_ANON_KEY: 'anon-key',
      CLARA_ENCRYPTION_KEY: '00'.repeat(32),
    };
    const config = loadConfig(filled);
    expect(config).toMatchObject({
      host: '0.0.0.0',
      shutdownTimeoutMs: 25_000,
      poolSize: 5,
      trustProxy: { hops: 1 },
    });
  });
});
