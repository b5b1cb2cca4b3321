import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claraBin as bin, runClara } from '../../test/run-clara';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-cli-'));
const env = { ...process.env, CLARA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

const clara = (args: string[]) => runClara(args, env);

let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('clara CLI: workspace create → import → serve → chat', () => {
  let workspaceId = '';

  it('migrates (idempotently)', async () => {
    const first = await clara(['migrate']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).applied.length).toBeGreaterThanOrEqual(4);
    const again = await clara(['migrate']);
    expect(JSON.parse(again.stdout).applied).toEqual([]);
  });

  it('creates a workspace and its owner', async () => {
    const res = await clara([
      'workspace',
      'create',
      '--email',
      'owner@example.com',
      '--password',
      'correct horse',
      '--name',
      'Shop',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.workspace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.owner_id).toMatch(/^[0-9a-f-]{36}$/);
    workspaceId = out.workspace_id;
    expect(res.stdout + res.stderr).not.toContain('correct horse');
    const dup = await clara([
      'workspace',
      'create',
      '--email',
      'OWNER@example.com',
      '--password',
      'another one',
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
  });

  it('imports a CSV, reporting bad rows', async () => {
    const file = join(dataDir, 'kb.csv');
    writeFileSync(
      file,
      'question,answer,category\n' +
        '"How do I reset my password?","Use ""Forgot password"" on the sign-in page.",process\n' +
        'What is your refund policy?,Refunds within 30 days.,pricing\n' +
        ',orphan answer,general\n',
    );
    const res = await clara(['import', file, '--workspace', workspaceId]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({
      imported: 2,
      skipped: 1,
      errors: [{ row: 4, message: 'question is empty' }],
    });
  });

  it('refuses bad arguments with exit code 2 and a usage message', async () => {
    const res = await clara(['import', join(dataDir, 'kb.csv'), '--workspace', 'not-a-uuid']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--workspace must be a UUID/);
    const unknown = await clara(['frobnicate']);
    expect(unknown.code).toBe(2);
  });

  it('serves the chat API answering from the imported CSV', async () => {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    server = spawn(process.execPath, [bin, 'serve', '--port', String(port)], { env });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server?.stdout?.on('data', (d) => {
        seen += d;
        const match = /running at (http:\/\/\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      server?.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const res = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: 'What is your refund policy?',
      }),
    });
    const { message } = (await res.json()) as { message: Record<string, unknown> };
    expect(message.content).toBe('Refunds within 30 days.');
    expect((message.matched_qa_ids as string[]).length).toBeGreaterThan(0);
    expect(message.confidence).toBeGreaterThan(0.78);

    // One process per embedded data directory: stop the server before another command opens it.
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server?.kill('SIGTERM');
    await exited;
    const reindex = await clara(['reindex', '--workspace', workspaceId]);
    expect(JSON.parse(reindex.stdout).reindexed).toBe(2);
  });
});
