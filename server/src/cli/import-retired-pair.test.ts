/* biome-ignore-all lint/suspicious/noExplicitAny: command output and bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../test/admin/admin-client';
import { runClara } from '../../test/run-clara';
import { startTestServer } from '../../test/test-server';

// `clara import` of a spreadsheet again after the owner retired one of its pairs in the admin:
// the retired pair's row is reported, not imported as a new active copy.
const dataDir = mkdtempSync(join(tmpdir(), 'clara-import-retired-'));
const env = { CLARA_DATA_DIR: dataDir };
const clara = (args: string[]) => runClara(args, env);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const file = join(dataDir, 'petal.csv');
writeFileSync(
  file,
  'question,answer\nDo you sell plants?,Yes: potted plants and succulents.\nDo you deliver?,Same day.\n',
);

async function importPetal(workspaceId: string) {
  const res = await clara(['import', file, '--workspace', workspaceId]);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout);
}

/** Serves the CLI's database (`clara serve` holds the data directory: stopped before the next CLI run). */
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
  ((await c.json('GET', '/api/admin/knowledge?active=all&page_size=100')).body.items as any[])
    .map((p) => `${p.question} ${p.is_active ? 'active' : 'inactive'}`)
    .sort();

describe('clara import of a row identical to a retired pair', { timeout: 120_000 }, () => {
  it('reports the row instead of adding an active copy', async () => {
    expect((await clara(['migrate'])).code).toBe(0);
    const owner = { email: `cli-${randomUUID().slice(0, 8)}@example.com`, password: `pw-${randomUUID()}` };
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
    expect(await importPetal(workspaceId)).toMatchObject({ imported: 2, skipped: 0 });
    await asOwner(owner, async (c) => {
      const items = (await c.json('GET', '/api/admin/knowledge?page_size=100')).body.items as any[];
      const plants = items.find((p) => p.question === 'Do you sell plants?');
      expect((await c.json('DELETE', `/api/admin/knowledge/${plants.id}`)).status).toBe(200);
    });
    expect(await importPetal(workspaceId)).toMatchObject({
      imported: 0,
      skipped: 2,
      errors: [
        { row: 2, message: 'matches an inactive pair: restore it in Knowledge instead' },
        { row: 3, message: 'duplicate question: already in the knowledge base, unchanged' },
      ],
    });
    await asOwner(owner, async (c) => {
      expect(await listed(c)).toEqual(['Do you deliver? active', 'Do you sell plants? inactive']);
    });
  });
});
