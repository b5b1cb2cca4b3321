import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';

const dir = mkdtempSync(join(tmpdir(), 'clara-usage-'));
// No test here opens the test database (clara eval makes its own temporary one): first pass only
// (vitest.config.ts). `clara reindex` over DATABASE_URL is in reindex-command.test.ts.
const env = { CLARA_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined };
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('clara CMD --help and usage errors', () => {
  it('clara CMD --help prints that command only; clara --help everything', async () => {
    const evalHelp = await runClara(['eval', '--help'], env);
    expect(evalHelp.code).toBe(0);
    expect(evalHelp.stdout).toContain('clara eval --kb KB.csv --queries QUERIES.csv');
    expect(evalHelp.stdout).toContain('answer quality on a fresh temporary database');
    expect(evalHelp.stdout).not.toContain('clara keys');
    expect(evalHelp.stdout).not.toContain('clara serve');
    const keys = await runClara(['keys', '--help'], env);
    expect(keys.stdout).toContain('clara keys rotate --new-key');
    expect(keys.stdout).toContain('clara keys list --workspace ID');
    expect(keys.stdout).not.toContain('clara channels');
    expect(keys.stdout.split('\n').length).toBeLessThan(15);
    const start = await runClara(['start', '--help'], env);
    expect(start.stdout).toContain('clara start ');
    expect(start.stdout).not.toContain('clara serve');
    const all = await runClara(['--help'], env);
    expect(all.stdout).toContain('clara serve');
    expect(all.stdout).toContain('clara keys rotate');
  });

  it('a usage error is one line and where the command help is, exit 2', async () => {
    const bad = await runClara(['import', 'x.csv', '--workspace', 'not-a-uuid'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'clara: --workspace must be a UUID',
      'Usage: clara import --help',
    ]);
    const unknownOption = await runClara(['reindex', '--frobnicate'], env);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('Usage: clara reindex --help');
    expect(unknownOption.stderr).not.toContain('clara keys');
    const unknown = await runClara(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      'clara: unknown command "frobnicate"',
      'Usage: clara --help',
    ]);
  });
});

describe('a missing flag is named, not as zod\'s raw "Invalid input"', () => {
  it('workspace create, owner reset-password and channels add-slack name the flag', async () => {
    const usage = async (args: string[]) => {
      const res = await runClara(args, env);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).not.toContain('Invalid input');
      return res.stderr.trim().split('\n')[0];
    };
    expect(await usage(['workspace', 'create', '--email', 'someone@example.com'])).toBe(
      'clara: --password is required',
    );
    expect(await usage(['owner', 'reset-password', '--email', 'someone@example.com'])).toBe(
      'clara: --password is required',
    );
    expect(await usage(['workspace', 'create', '--password', 'long enough'])).toBe(
      'clara: --email is required',
    );
    // Several at once, each named once.
    expect(await usage(['owner', 'reset-password'])).toBe(
      'clara: --email is required; --password is required',
    );
    const ws = '3f1c2a4e-9b7d-4c6e-8a21-5d0f7b9e1c32';
    expect(await usage(['channels', 'add-slack', '--workspace', ws, '--team-id', 'T0123ABCD'])).toMatch(
      /^clara: --bot-token is required; --signing-secret is required$/,
    );
    // A zod limit without a message of its own still names its flag.
    expect(
      await usage([
        'workspace',
        'create',
        '--email',
        'a@example.com',
        '--password',
        'long enough',
        '--name',
        'x'.repeat(101),
      ]),
    ).toMatch(/^clara: --name: /);
  });
});

describe('clara eval progress', () => {
  it('says how far it is on stderr every 20 queries; stdout stays the one summary JSON', async () => {
    const kb = join(dir, 'kb.csv');
    const queries = join(dir, 'queries.csv');
    writeFileSync(
      kb,
      'question,answer,category\nWhat are your opening hours?,We open at nine.,general\nDo you ship abroad?,"Yes, to the EU.",general\n',
    );
    const rows = Array.from({ length: 25 }, (_, i) =>
      i % 2 ? `When do you open (${i})?,We open at nine.` : `Do you ship abroad (${i})?,"Yes, to the EU."`,
    );
    writeFileSync(queries, `query,expected_answer\n${rows.join('\n')}\n`);
    const res = await runClara(['eval', '--kb', kb, '--queries', queries], env);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('clara eval: 2 pairs, 25 queries');
    expect(res.stderr).toContain('clara eval: 20/25 queries');
    expect(res.stderr).toContain('clara eval: 25/25 queries');
    expect(res.stderr.indexOf('20/25')).toBeLessThan(res.stderr.indexOf('25/25'));
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ n: 25 });
  });
});
