/* biome-ignore-all lint/suspicious/noExplicitAny: command output and bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { runClara } from '../../test/run-clara';
import { startTestServer } from '../../test/test-server';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-import-cli-'));
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

async function importFile(workspaceId: string, name: string, text: string | Buffer) {
  const file = join(dataDir, name);
  writeFileSync(file, text);
  const res = await clara(['import', file, '--workspace', workspaceId]);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout);
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

const listed = async (c: any) =>
  ((await c.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[]).map(
    (p) => `${p.question} ${p.is_active ? 'active' : 'inactive'}`,
  );

const inOrder: string[] = [
  'Do you bake sourdough? active',
  'Do you bake rye? inactive',
  'Do you bake baguettes? active',
  'Do you sell coffee? active',
  'Do you sell tea? active',
];

// Each step runs the real binary from source (several seconds on a shared machine).
describe('clara import', { timeout: 120_000 }, () => {
  let first: Awaited<ReturnType<typeof createWorkspace>>;
  let file = Buffer.alloc(0);

  it('honours is_active and names the earlier row of a duplicate in the file', async () => {
    expect((await clara(['migrate'])).code).toBe(0);
    first = await createWorkspace();
    const out = await importFile(
      first.workspaceId,
      'kb.csv',
      [
        'question,answer,category,is_active',
        'Do you bake sourdough?,Every morning.,bread,true',
        'Do you bake rye?,On Fridays.,bread,false',
        'Do you bake baguettes?,Every day.,bread,',
        'do you bake SOURDOUGH?,Yes.,bread,true',
        'Do you sell coffee?,Yes: filter and espresso.,drinks,true',
        'Do you sell tea?,Green and black.,Thé et café,true',
      ].join('\n'),
    );
    expect(out).toMatchObject({
      imported: 5,
      inactive: 1,
      skipped: 1,
      errors: [{ row: 5, message: 'duplicate question: same as row 2' }],
    });
  });

  it('lists the imported file in file order (one batch shares created_at)', async () => {
    file = await asOwner(first, async (c) => {
      expect(await listed(c)).toEqual(inOrder);
      // The export's bytes, BOM included, as a downloaded file holds them.
      return Buffer.from(await (await c.request('GET', '/api/admin/knowledge/export.csv')).arrayBuffer());
    });
  });

  it('imports its export into an empty workspace with the retired answer retired', async () => {
    const second = await createWorkspace();
    expect(await importFile(second.workspaceId, 'export.csv', file)).toMatchObject({
      imported: 5,
      inactive: 1,
      skipped: 0,
    });
    await asOwner(second, async (c) => {
      expect(await listed(c)).toEqual(inOrder);
      // An accented category came through the CLI and the export.
      const tea = (await c.json('GET', '/api/admin/knowledge?q=tea')).body.items[0];
      expect(tea.category).toBe('Thé et café');
    });
  });

  it('reads a UTF-16 file and refuses a Windows-1252 one saying how to save it as UTF-8', async () => {
    const workspace = await createWorkspace();
    const utf16 = join(dataDir, 'unicode.csv');
    writeFileSync(utf16, Buffer.from('\uFEFFquestion,answer\nHow much is a loaf?,£3.\n', 'utf16le'));
    const read = await clara(['import', utf16, '--workspace', workspace.workspaceId]);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ imported: 1, errors: [] });
    const windows = join(dataDir, 'excel.csv');
    writeFileSync(windows, Buffer.from('question,answer\nHow much is a cake?,£12.\n', 'latin1'));
    const refused = await clara(['import', windows, '--workspace', workspace.workspaceId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('This file is not UTF-8 text (row 2');
    expect(refused.stderr).toContain('File → Save As → "CSV UTF-8 (Comma delimited)"');
    // A file it cannot parse names the row as the row errors do (a two-line answer is one row).
    const unclosed = join(dataDir, 'unclosed.csv');
    writeFileSync(unclosed, 'question,answer\n"Do you ship?","Yes,\nabroad too."\n"Do you bake cakes?,Yes\n');
    const broken = await clara(['import', unclosed, '--workspace', workspace.workspaceId]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Row 3: a field opens a quote (") that is never closed');
  });

  it('reads a file Excel saved with semicolons, and says so', async () => {
    const workspace = await createWorkspace();
    const file = join(dataDir, 'semicolons.csv');
    writeFileSync(file, '"question";"answer";"category"\r\n"How much is a session?";"£45,50";"Prices"\r\n');
    const res = await clara(['import', file, '--workspace', workspace.workspaceId]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ imported: 1, errors: [] });
    expect(res.stderr).toContain('semicolons.csv read as separated by semicolons');
  });
});
