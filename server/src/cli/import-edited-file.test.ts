/* biome-ignore-all lint/suspicious/noExplicitAny: command output and bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { runClara } from '../../test/run-clara';
import { startTestServer } from '../../test/test-server';

// `clara import` of a file the owner edited by hand: line endings mixed by an editor, an answer changed.
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

  it('skips a changed answer saying so, and updates it with --update', async () => {
    const owner = await createWorkspace();
    const original = [
      'question,answer,category',
      'How much is a full service?,£45.,workshop',
      'Do you fix punctures?,Yes.,workshop',
    ].join('\r\n');
    expect((await importFile(owner.workspaceId, original)).code).toBe(0);
    const edited = original.replace('£45.', '£49.');
    const skipped = await importFile(owner.workspaceId, edited);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({
      imported: 0,
      updated: 0,
      skipped: 2,
      errors: [
        {
          row: 2,
          message:
            'already in the knowledge base with a different answer: not updated (run clara import again with --update to update it)',
        },
        { row: 3, message: 'duplicate question: already in the knowledge base, unchanged' },
      ],
    });
    // With a new phrasing of the updated pair: it comes in with the new answer.
    const withPhrasing = `${edited.replace('question,answer,category', 'question,answer,category,phrasing_of')}\r\nWhat does a service cost?,x,,How much is a full service?\r\n`;
    const updated = await importFile(owner.workspaceId, withPhrasing, ['--update']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ imported: 1, updated: 1, skipped: 1 });
    expect(updated.stderr).toContain('1 pair updated (undoing this import does not revert them)');
    await asOwner(owner, async (c) =>
      expect(await pairs(c)).toEqual({
        'How much is a full service?': '£49.',
        'Do you fix punctures?': 'Yes.',
        'What does a service cost?': '£49.',
      }),
    );
    const help = await clara(['import', '--help']);
    expect(help.stdout).toContain('--update');
  });

  it('reads an answer whose line endings or line-end spaces an editor changed as unchanged', async () => {
    const owner = await createWorkspace();
    const original = 'question,answer\n"Do you fix punctures?","Yes,\nwhile you wait."\n';
    expect((await importFile(owner.workspaceId, original)).code).toBe(0);
    const resaved = 'question,answer\r\n"Do you fix punctures?","Yes,  \r\nwhile you wait.\t"\r\n';
    const again = await importFile(owner.workspaceId, resaved, ['--update']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      imported: 0,
      updated: 0,
      errors: [{ row: 2, message: 'duplicate question: already in the knowledge base, unchanged' }],
    });
    await asOwner(owner, async (c) =>
      expect(await pairs(c)).toEqual({ 'Do you fix punctures?': 'Yes,\nwhile you wait.' }),
    );
  });
});
