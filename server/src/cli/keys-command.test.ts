/* biome-ignore-all lint/suspicious/noExplicitAny: command results are checked by the assertions */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClara } from '../../test/run-clara';
import { startTestServer, type TestServer } from '../../test/test-server';
import { createRuntime } from '../runtime';
import { decryptKey, encryptKey, VaultError } from '../vault';
import { keysCommand } from './keys-command';

const rawKey = 'sk-proj-CLI-RAW-KEY-abcdefghijklmnop-7777';

const clara = (args: string[], env: Record<string, string>) => runClara(args, env);

let server: TestServer;
let workspaceId: string;
const keys = (args: Parameters<typeof keysCommand>[2], sub: string) =>
  keysCommand(server.runtime, sub, args) as Promise<Record<string, any>>;

beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId } = await server.createWorkspace());
});
afterAll(() => server.close());

describe('clara keys (the real binary)', () => {
  it('adds a key and lists it with key_last4 only, never the key or its ciphertext', async () => {
    const env = { CLARA_DATA_DIR: mkdtempSync(join(tmpdir(), 'clara-keys-cli-')) };
    const ws = await clara(
      ['workspace', 'create', '--email', 'keys@example.com', '--password', 'long enough'],
      env,
    );
    const id = JSON.parse(ws.stdout).workspace_id as string;
    const add = await clara(
      [
        'keys',
        'add',
        '--workspace',
        id,
        '--provider',
        'openai',
        '--model',
        'gpt-4o',
        '--key',
        rawKey,
        '--default',
      ],
      env,
    );
    expect(add.code).toBe(0);
    const list = await clara(['keys', 'list', '--workspace', id], env);
    expect(list.code).toBe(0);
    const [key] = JSON.parse(list.stdout).keys;
    expect(key).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      key_last4: '7777',
      is_default: true,
      is_active: true,
    });
    expect(Object.keys(key)).not.toContain('encrypted_key');
    expect(add.stdout + add.stderr + list.stdout + list.stderr).not.toContain(rawKey);
    expect(list.stdout).not.toMatch(/[0-9a-f]{24}:[0-9a-f]{32}:/);

    const bad = await clara(
      ['keys', 'add', '--workspace', id, '--provider', 'openai', '--model', 'gpt-3', '--key', rawKey],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--model for openai must be one of: gpt-4o/);
    expect(bad.stderr).not.toContain(rawKey);
    rmSync(env.CLARA_DATA_DIR, { recursive: true, force: true });
  }, 180_000);
});

describe('keys repository through the command', () => {
  it('round-trips: the stored key decrypts to the raw key; one default at a time', async () => {
    const a = (
      await keys(
        { workspace: workspaceId, provider: 'openai', model: 'gpt-4o-mini', key: rawKey, default: true },
        'add',
      )
    ).key;
    const b = (
      await keys(
        {
          workspace: workspaceId,
          provider: 'anthropic',
          model: 'claude-sonnet-4-20250514',
          key: 'sk-ant-second-key-0000',
          label: 'Backup',
        },
        'add',
      )
    ).key;
    const [row] = await server.db.query<{ encrypted_key: string }>(
      'SELECT encrypted_key FROM api_keys WHERE id = $1',
      [a.id],
    );
    expect(row?.encrypted_key).toMatch(/^[0-9a-f]{24}:[0-9a-f]{32}:[0-9a-f]+$/);
    expect(decryptKey(row?.encrypted_key ?? '', server.runtime.masterKey)).toBe(rawKey);

    await keys({ workspace: workspaceId, id: b.id }, 'default');
    let listed = (await keys({ workspace: workspaceId }, 'list')).keys;
    expect(
      listed.filter((k: { is_default: boolean }) => k.is_default).map((k: { id: string }) => k.id),
    ).toEqual([b.id]);

    await keys({ workspace: workspaceId, id: b.id }, 'deactivate');
    listed = (await keys({ workspace: workspaceId }, 'list')).keys;
    expect(listed.find((k: { id: string }) => k.id === b.id)).toMatchObject({
      is_active: false,
      is_default: false,
    });
    await expect(keys({ workspace: workspaceId, id: b.id }, 'default')).rejects.toMatchObject({
      code: 'conflict',
    });
    await keys({ workspace: workspaceId, id: b.id }, 'delete');
    await expect(keys({ workspace: workspaceId, id: b.id }, 'delete')).rejects.toMatchObject({
      code: 'not_found',
    });
    await keys({ workspace: workspaceId, id: a.id }, 'default');
  });

  it('reports a tampered key as a clear error, and the chat falls back to extractive', async () => {
    const { workspaceId: ws } = await server.createWorkspace();
    const { key } = await keys(
      { workspace: ws, provider: 'openai', model: 'gpt-4o', key: rawKey, default: true },
      'add',
    );
    await server.db.query(
      // Flip one ciphertext character: GCM authentication must catch it.
      `UPDATE api_keys SET encrypted_key = overlay(encrypted_key placing
         CASE WHEN substr(encrypted_key, 60, 1) = 'a' THEN 'b' ELSE 'a' END from 60 for 1) WHERE id = $1`,
      [key.id],
    );
    const verified = await keys({ workspace: ws }, 'verify');
    expect(verified.failed).toBe(1);
    expect(verified.keys[0]).toMatchObject({ id: key.id, ok: false, error: 'decrypt_failed' });
    expect(verified.keys[0].message).toMatch(/master key is wrong or the value was altered/);
    process.exitCode = 0;

    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: ws,
        session_token: crypto.randomUUID(),
        message_id: crypto.randomUUID(),
        message: 'do you deliver on sundays?',
      }),
    });
    expect(res.status).toBe(200);
    expect(server.logs.join('')).toMatch(/"code":"decrypt_failed".*language model unavailable/);

    const rotation = keys({ 'new-key': randomBytes(32).toString('hex') }, 'rotate');
    await expect(rotation).rejects.toBeInstanceOf(VaultError);
    await expect(rotation).rejects.toThrow(new RegExp(`Rotation stopped at key ${key.id}, nothing changed`));
    await keys({ workspace: ws, id: key.id }, 'delete');
  });
});

describe('clara keys rotate', () => {
  it('re-encrypts every API key and channel credential in one go, then the new key file serves the chat', async () => {
    const fake = await startFakeOpenAi('Answered with the rotated key.');
    const rotating = await startTestServer({ env: { OPENAI_BASE_URL: fake.baseURL } });
    try {
      const old = rotating.runtime.masterKey;
      const { workspaceId: ws } = await rotating.createWorkspace();
      const run = (sub: string, args: Parameters<typeof keysCommand>[2]) =>
        keysCommand(rotating.runtime, sub, args) as Promise<Record<string, any>>;
      await run('add', { workspace: ws, provider: 'openai', model: 'gpt-4o', key: rawKey, default: true });
      await run('add', {
        workspace: ws,
        provider: 'anthropic',
        model: 'claude-haiku-4-5-20251001',
        key: 'sk-ant-two-2222',
      });
      const credentials = JSON.stringify({ bot_token: 'xoxb-secret' });
      await rotating.db.query(
        `INSERT INTO channel_connections (workspace_id, channel, external_id, encrypted_credentials)
         VALUES ($1, 'slack', 'T0ROTATE', $2)`,
        [ws, encryptKey(credentials, old)],
      );

      const next = randomBytes(32);
      const out = await run('rotate', { 'new-key': next.toString('base64') });
      expect(out.rotated).toEqual({ api_keys: 2, channel_connections: 1 });
      expect(out.next_step).toContain('master.key');
      const file = join(rotating.runtime.config.dataDir, 'master.key');
      expect(readFileSync(file, 'utf8').trim()).toBe(next.toString('hex'));

      const sealed = await rotating.db.query<{ v: string }>(
        'SELECT encrypted_key AS v FROM api_keys UNION ALL SELECT encrypted_credentials FROM channel_connections',
      );
      const opened = sealed.map((r) => decryptKey(r.v, next));
      expect(opened.sort()).toEqual([credentials, rawKey, 'sk-ant-two-2222'].sort());
      for (const r of sealed) expect(() => decryptKey(r.v, old)).toThrow(VaultError);

      // A restart reads the new key file and answers through the provider again.
      const restarted = await createRuntime(rotating.runtime.config, rotating.runtime.logger, {
        db: rotating.db,
      });
      expect(restarted.masterKey.equals(next)).toBe(true);
      const result = await restarted.engine.turn({
        workspaceId: ws,
        sessionToken: 'after-rotation',
        messageId: crypto.randomUUID(),
        message: 'Do you deliver to the islands?',
      });
      expect(result).toMatchObject({ mode: 'llm', message: { content: 'Answered with the rotated key.' } });
      expect(JSON.stringify(fake.requests.at(-1)?.headers)).toContain(rawKey);
    } finally {
      await rotating.close();
      await fake.close();
    }
  });

  it('with CLARA_ENCRYPTION_KEY set, writes no file and says to update the variable', async () => {
    const envKey = randomBytes(32).toString('hex');
    const s = await startTestServer({ env: { CLARA_ENCRYPTION_KEY: envKey } });
    try {
      const out = (await keysCommand(s.runtime, 'rotate', {
        'new-key': randomBytes(32).toString('hex'),
      })) as Record<string, any>;
      expect(out.next_step).toMatch(/Set CLARA_ENCRYPTION_KEY/);
      expect(() => readFileSync(join(s.runtime.config.dataDir, 'master.key'))).toThrow();
      await expect(keysCommand(s.runtime, 'rotate', { 'new-key': 'too-short' })).rejects.toThrow(
        /--new-key must be 32 bytes/,
      );
    } finally {
      await s.close();
    }
  });
});
