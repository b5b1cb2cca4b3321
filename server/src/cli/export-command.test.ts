/* biome-ignore-all lint/suspicious/noExplicitAny: command output and bodies are checked by the assertions */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { runClara } from '../../test/run-clara';
import { startTestServer } from '../../test/test-server';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-export-cli-'));
const env = { CLARA_DATA_DIR: dataDir };
const clara = (args: string[]) => runClara(args, env);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clara export', () => {
  it('refuses bad arguments before opening the database', async () => {
    for (const [args, message] of [
      [['export'], '--workspace ID is required'],
      [['export', '--workspace', 'nope'], '--workspace must be a UUID'],
      [['export', '--workspace', crypto.randomUUID(), '--out', dataDir], 'is a folder'],
      [
        ['export', '--workspace', crypto.randomUUID(), '--out', join(dataDir, 'no/such/dir/kb.csv')],
        'cannot write',
      ],
    ] as const) {
      const res = await runClara([...args], { CLARA_DATA_DIR: join(dataDir, 'never-opened') });
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(message);
    }
    // No database was created for a usage mistake.
    expect(existsSync(join(dataDir, 'never-opened'))).toBe(false);
  }, 120_000);

  it('writes the same CSV as the admin export, phrasings included, to stdout or --out', async () => {
    const owner = { email: 'export@example.com', password: 'a-long-enough-password' };
    const created = await clara([
      'workspace',
      'create',
      '--email',
      owner.email,
      '--password',
      owner.password,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const workspaceId = JSON.parse(created.stdout).workspace_id as string;
    const file = join(dataDir, 'kb.csv');
    writeFileSync(
      file,
      [
        'question,answer,category,phrasing_of',
        'Do you have wifi?,"Yes, the password is on the menu.",general,',
        'do you have free internet,-,,Do you have wifi?',
      ].join('\r\n'),
    );
    const imported = await clara(['import', file, '--workspace', workspaceId]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 2, errors: [] });

    const printed = await clara(['export', '--workspace', workspaceId]);
    expect(printed.code, printed.stderr).toBe(0);
    const lines = printed.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      '"question","answer","category","source","is_active","phrasing_of"',
      '"Do you have wifi?","Yes, the password is on the menu.","general","csv_import","true",""',
      '"do you have free internet","Yes, the password is on the menu.","general","gap_inbox","true","Do you have wifi?"',
    ]);

    const outFile = join(dataDir, 'out.csv');
    const written = await clara(['export', '--workspace', workspaceId, '--out', outFile]);
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout)).toEqual({ out: outFile, pairs: 1, phrasings: 1 });
    expect(readFileSync(outFile, 'utf8')).toBe(printed.stdout);

    // The admin's Export CSV of the same workspace is the same file.
    const server = await startTestServer({ env, db: 'env' });
    try {
      const client = adminClient(server.url, owner);
      await client.request('GET', '/api/auth/session');
      expect((await client.json('POST', '/api/auth/sign-in', owner)).status).toBe(200);
      const res = await client.request('GET', '/api/admin/knowledge/export.csv');
      // (`text()` drops the BOM both begin with.)
      expect(await res.text()).toBe(printed.stdout.replace(/^\uFEFF/, ''));
    } finally {
      await server.close();
    }

    const unknown = await clara(['export', '--workspace', crypto.randomUUID()]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No workspace has the id');
  }, 300_000);
});
