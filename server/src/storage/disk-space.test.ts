/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTestDatabase } from '@clara/supabase/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../logger';
import { createRuntime, type Runtime } from '../runtime';
import { listen, type RunningServer } from '../server';
import { createDiskSpace, minFreeDiskBytes, readFreeBytes } from './disk-space';

const mb = 1024 * 1024;
let free = 1024 * mb;
const dataDir = mkdtempSync(join(tmpdir(), 'clara-disk-space-'));
const logs: string[] = [];
let runtime: Runtime;
let server: RunningServer;
let owner: AdminClient;
let embedded: boolean;

beforeAll(async () => {
  const config = loadConfig({ CLARA_DATA_DIR: dataDir, CLARA_SIGNUP: 'open', LOG_LEVEL: 'info', PORT: '0' });
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  runtime = await createRuntime(config, createLogger({ level: 'info', destination }), {
    db: await createTestDatabase(),
    // The free space of the data folder's disk, as the test sets it.
    readFreeBytes: async (dir) => {
      expect(dir).toBe(dataDir);
      return free;
    },
  });
  embedded = runtime.db.kind === 'pglite';
  server = await listen(runtime, 0, '127.0.0.1');
  owner = await signUpOwner(server.url);
});
afterAll(async () => {
  await server?.close();
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const csv = { 'content-type': 'text/csv' };
const chat = () =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: 'https://shop.example.com',
    },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message: 'Do you open on Sundays?',
    }),
  });

describe('a nearly full disk under the embedded database', () => {
  it('refuses imports, edits and chat turns with 507 while reads and /healthz still answer', async () => {
    free = minFreeDiskBytes - 1;
    const imported = await owner.request(
      'POST',
      '/api/admin/knowledge/import',
      'question,answer\nQ?,A.\n',
      csv,
    );
    const added = await owner.json('POST', '/api/admin/knowledge', {
      question: 'Open Sunday?',
      answer: 'No.',
    });
    const turn = await chat();
    if (!embedded) {
      // DATABASE_URL: Postgres fails a full disk cleanly; nothing is checked.
      expect(imported.status).toBe(202);
      return;
    }
    expect(imported.status).toBe(507);
    const body = (await imported.json()) as any;
    expect(body.error.code).toBe('insufficient_storage');
    expect(body.error.message).toMatch(/almost out of disk space/);
    expect(body.error.message).not.toContain(dataDir);
    expect(added.status).toBe(507);
    expect(turn.status).toBe(507);
    // The widget on the owner's site can read the refusal.
    expect(turn.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(((await turn.json()) as any).error.code).toBe('insufficient_storage');
    expect((await owner.json('GET', '/api/admin/knowledge')).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const line = logs.find((l) => l.includes('"request refused"'));
    expect(line).toContain('"level":40');
    expect(line).toContain(`${Math.floor((minFreeDiskBytes - 1) / mb)} MB free`);

    free = 1024 * mb;
    expect(
      (await owner.request('POST', '/api/admin/knowledge/import', 'question,answer\nQ?,A.\n', csv)).status,
    ).toBe(202);
    expect((await chat()).status).toBe(200);
  });
});

describe('createDiskSpace', () => {
  it('reads a real folder with statfs, and refuses below the margin naming the folder for the CLI', async () => {
    expect(await readFreeBytes(dataDir)).toBeGreaterThan(0);
    const guard = createDiskSpace({ dataDir, logger: { warn() {} }, minFreeBytes: Number.MAX_SAFE_INTEGER });
    await expect(guard.assertRoom(true)).rejects.toMatchObject({
      code: 'insufficient_storage',
      message: expect.stringContaining(`The disk holding the data folder ${dataDir} has`),
    });
    await createDiskSpace({ dataDir, logger: { warn() {} } }).assertRoom(true);
  });

  it('warns at start when space is low, and not when it is not', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_: unknown, message: string) => warnings.push(message) };
    const low = createDiskSpace({ dataDir, logger, read: async () => 10 * mb });
    low.start();
    low.stop();
    const fine = createDiskSpace({ dataDir, logger, read: async () => 1024 * mb });
    fine.start();
    fine.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings).toEqual([expect.stringMatching(/has 10 MB free; Clara needs at least 64 MB/)]);
  });
});
