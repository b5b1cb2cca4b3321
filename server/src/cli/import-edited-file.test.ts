/* biome-ignore-all lint/suspicious/noExplicitAny: command output and bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { runClara } from '../../test/run-clara';
import { startTestServer } from '../../test/test-server';

// `clara import` of a file the owner edited by hand: line endings mixed by an editor.
const dataDir = mkdtempSync(join(tmpdir(), 'clara-import-edited-'));
const env = { CLARA_DATA_DIR: dataDir };
const clara = (args: string[]) => runClara(args, env);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function createWorkspace() {
  const email = `cli-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const res = await clara(['workspace', 'create', '--email', email, '--password', password]);
  expect(res.code, res.stderr).toBe(0);
  return { email, password, workspaceId: JSON.parse(res.stdout).workspace_id as string };
}

async function importFile(workspaceId: string, text: string, extra: string[] = []) {
  const file = join(dataDir, `${randomUUID()}.csv`);
  writeFileSync(file, text);
  return clara(['import', file, '--workspace', workspaceId, ...extra]);
}

/** Serves the CLI's database (`clara serve` holds the data directory: stopped again before the next CLI run). */
async function asOwner<T>(owner: { email: string; password: string }, use: (c: any) => Promise<T>) {
  const server = await startTestServer({ env, db: 'env' });
  try {
    const client = adminClient(server.url, owner);
    await client.request('GET', '/api/auth/session');
    expect((await client.json('POST', '/api/auth/sign-in', owner)).status).toBe(200);
    return await use(client);
  } finally {
    await server.close();
  }
}

const pairs = async (c: any) =>
  Object.fromEntries(
    ((await c.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[]).map((p) => [
      p.question,
      p.answer,
    ]),
  );

describe('clara import of a hand-edited file', { timeout: 120_000 }, () => {
  it('reads a file mixing CRLF, LF and CR between its rows', async () => {
    expect((await clara(['migrate'])).code).toBe(0);
    const owner = await createWorkspace();
    const res = await importFile(
      owner.workspaceId,
      'question,answer\r\n"Do you fix punctures?","Yes,\r\nwhile you wait."\n"Do you sell helmets?","Yes."\rDo you rent bikes?,No.\r\n',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ imported: 3, skipped: 0, errors: [] });
    await asOwner(owner, async (c) =>
      expect(await pairs(c)).toEqual({
        'Do you fix punctures?': 'Yes,\r\nwhile you wait.',
        'Do you sell helmets?': 'Yes.',
        'Do you rent bikes?': 'No.',
      }),
    );
  });
});
