import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-invite-existing-'));
const env = { CLARA_DATA_DIR: dataDir, DATABASE_URL: undefined, CLARA_PUBLIC_URL: undefined };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clara owner invite for an email that already has an account', () => {
  it('refuses with exit 1 and says why; another email still gets its invite', async () => {
    const created = await runClara(
      ['workspace', 'create', '--email', 'owner@pageandbean.example', '--password', 'a long password'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);

    const refused = await runClara(['owner', 'invite', '--email', 'Owner@PageAndBean.example'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      'clara: An owner account already has the email owner@pageandbean.example: no invite issued.',
    );

    const other = await runClara(['owner', 'invite', '--email', 'barista@pageandbean.example'], env);
    expect(other.code, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout)).toMatchObject({ email: 'barista@pageandbean.example' });
  }, 120_000);
});
