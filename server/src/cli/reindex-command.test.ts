import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWireDatabase, type WireDatabase } from '@clara/supabase/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

// The real binary over DATABASE_URL: pglite-socket, or native Postgres on CI's second pass. The
// usage and help checks that open no database are in cli-usage.test.ts (first pass only).
const dir = mkdtempSync(join(tmpdir(), 'clara-reindex-'));
let database: WireDatabase | undefined;
afterAll(async () => {
  await database?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('clara reindex --workspace', () => {
  it('an unknown workspace id is an error, as for clara import', async () => {
    database = await startWireDatabase();
    const db = { CLARA_DATA_DIR: join(dir, 'data'), DATABASE_URL: database.url, DATABASE_POOL_SIZE: '1' };
    expect((await runClara(['migrate'], db)).code).toBe(0);
    const id = '00000000-0000-4000-8000-000000000000';
    const res = await runClara(['reindex', '--workspace', id], db);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`No workspace has the id ${id}.`);
    expect(res.stdout).toBe('');
    const all = await runClara(['reindex'], db);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ reindexed: 0 });
  });
});
