import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaraError, isSupportedModel, supportedModels } from '@clara/core';
import {
  type ApiKeyView,
  deleteApiKey,
  getWorkspace,
  insertApiKey,
  listApiKeys,
  listSealedKeys,
  lockAllSealedSecrets,
  setApiKeyActive,
  setDefaultApiKey,
  writeSealedSecrets,
} from '@clara/supabase';
import { z } from 'zod';
import type { Runtime } from '../runtime';
import {
  decryptKey,
  encryptKey,
  isVaultError,
  keyLast4,
  masterKeyFileName,
  parseMasterKey,
  rotateAll,
} from '../vault';
import { UsageError } from './output';
import { parseFlags } from './parse-flags';

/** What `clara keys` uses of the runtime. */
type KeysRuntime = Pick<Runtime, 'config' | 'db' | 'masterKey'>;

export const keysHelp = `  clara keys add --workspace ID --provider openai|anthropic --model M --key K|- [--label L] [--default]
  clara keys list --workspace ID           the workspace's keys (key_last4 only, never the key)
  clara keys default --workspace ID --id KEYID
  clara keys activate|deactivate|delete --workspace ID --id KEYID
  clara keys verify --workspace ID         check that every stored key still decrypts
  clara keys rotate --new-key HEX_OR_BASE64
                                           re-encrypt every key and channel credential under a new master key`;

/** The values `clara keys` reads from the command line. */
export interface KeysArgs {
  workspace?: string | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  key?: string | undefined;
  label?: string | undefined;
  default?: boolean | undefined;
  id?: string | undefined;
  'new-key'?: string | undefined;
}

/** What a key looks like on the command line and in the admin API: never the sealed value. */
export function publicKey(row: ApiKeyView) {
  return {
    id: row.id,
    provider: row.provider,
    model: row.model,
    label: row.label,
    key_last4: row.key_last4,
    is_default: row.is_default,
    is_active: row.is_active,
    created_at: row.created_at,
    last_test: row.last_test,
  };
}

const uuid = z.uuid();

function requireWorkspaceId(value: string | undefined): string {
  if (!value) throw new UsageError('--workspace ID is required');
  if (!uuid.safeParse(value).success) throw new UsageError('--workspace must be a UUID');
  return value;
}

async function requireWorkspace(runtime: KeysRuntime, id: string | undefined): Promise<string> {
  const value = requireWorkspaceId(id);
  if (!(await getWorkspace(runtime.db, value))) {
    throw new ClaraError('workspace_not_found', `No workspace has the id ${value}.`);
  }
  return value;
}

function requireKeyId(value: string | undefined): string {
  if (!value) throw new UsageError('--id KEYID is required (see clara keys list)');
  if (!uuid.safeParse(value).success) throw new UsageError('--id must be a UUID');
  return value;
}

const addArgs = z.object({
  provider: z.enum(['openai', 'anthropic'], { error: '--provider must be openai or anthropic' }),
  model: z.string({ error: '--model is required' }).min(1, '--model is required'),
  key: z
    .string({ error: '--key is required' })
    .trim()
    .min(8, '--key looks too short to be an API key')
    .max(500),
  label: z.string().trim().min(1).max(100).optional(),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseAddArgs(args: KeysArgs) {
  const parsed = parseFlags(addArgs, args);
  const { provider, model } = parsed;
  if (!isSupportedModel(provider, model)) {
    throw new UsageError(`--model for ${provider} must be one of: ${supportedModels[provider].join(', ')}`);
  }
  return parsed;
}

async function add(runtime: KeysRuntime, args: KeysArgs) {
  const workspaceId = await requireWorkspace(runtime, args.workspace);
  const { provider, model, key, label } = parseAddArgs(args);
  const row = await runtime.db.transaction((tx) =>
    insertApiKey(tx, workspaceId, {
      provider,
      model,
      encryptedKey: encryptKey(key, runtime.masterKey),
      keyLast4: keyLast4(key),
      label,
      isDefault: args.default ?? false,
    }),
  );
  return { key: publicKey(row) };
}

/** Writes the new master key next to the database, replacing the old one (embedded mode). */
async function stageKeyFile(runtime: KeysRuntime, newKey: Buffer) {
  const path = join(runtime.config.dataDir, masterKeyFileName);
  const staged = `${path}.new-${randomBytes(4).toString('hex')}`;
  await writeFile(staged, `${newKey.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { path, staged, commit: () => rename(staged, path), abort: () => rm(staged, { force: true }) };
}

async function rotate(runtime: KeysRuntime, args: KeysArgs) {
  const newKey = requireNewKey(args['new-key']);
  if (newKey.equals(runtime.masterKey)) throw new UsageError('--new-key is the current master key');
  const fromEnv = Boolean(runtime.config.encryptionKey?.trim());
  // Embedded mode: the new key file is written before the database changes and swapped in after.
  const file = fromEnv ? null : await stageKeyFile(runtime, newKey);
  let counts: { api_keys: number; channel_connections: number };
  try {
    counts = await runtime.db.transaction(async (tx) => {
      const sealed = await lockAllSealedSecrets(tx);
      await writeSealedSecrets(tx, rotateAll(sealed, runtime.masterKey, newKey));
      return {
        api_keys: sealed.filter((s) => s.table === 'api_keys').length,
        channel_connections: sealed.filter((s) => s.table === 'channel_connections').length,
      };
    });
  } catch (error) {
    await file?.abort();
    throw error;
  }
  try {
    await file?.commit();
  } catch {
    throw new ClaraError(
      'internal',
      `The keys were re-encrypted but the new master key file could not replace ${file?.path}. ` +
        `Move ${file?.staged} over ${file?.path} before restarting.`,
    );
  }
  return {
    rotated: counts,
    next_step: fromEnv
      ? 'Set CLARA_ENCRYPTION_KEY to the new key on every instance and restart them: the stored keys no longer open with the old one.'
      : `The new master key is in ${file?.path}. Restart Clara; back this file up.`,
  };
}

async function verify(runtime: KeysRuntime, args: KeysArgs) {
  const workspaceId = await requireWorkspace(runtime, args.workspace);
  const keys = (await listSealedKeys(runtime.db, workspaceId)).map((row) => {
    try {
      decryptKey(row.encrypted_key, runtime.masterKey);
      return { id: row.id, ok: true };
    } catch (error) {
      if (!isVaultError(error)) throw error;
      return { id: row.id, ok: false, error: error.code, message: error.message };
    }
  });
  const failed = keys.filter((k) => !k.ok).length;
  if (failed > 0) process.exitCode = 1;
  return { keys, failed };
}

function requireNewKey(value: string | undefined): Buffer {
  if (!value)
    throw new UsageError('--new-key is required (32 bytes as hex or base64, e.g. openssl rand -hex 32)');
  try {
    return parseMasterKey(value, '--new-key');
  } catch (error) {
    throw isVaultError(error) ? new UsageError(error.message) : error;
  }
}

/**
 * `clara keys …`'s flags, checked before the database is opened or the master key read: a
 * usage mistake touches nothing. `--key -` is read from stdin here (out of the shell history
 * and `ps`); the values come back with it in place.
 */
export async function checkKeysArgs(sub: string | undefined, args: KeysArgs): Promise<KeysArgs> {
  switch (sub) {
    case 'add': {
      requireWorkspaceId(args.workspace);
      const checked = { ...args, key: args.key === '-' ? await readStdin() : args.key };
      parseAddArgs(checked);
      return checked;
    }
    case 'list':
    case 'verify':
      requireWorkspaceId(args.workspace);
      return args;
    case 'default':
    case 'activate':
    case 'deactivate':
    case 'delete':
      requireWorkspaceId(args.workspace);
      requireKeyId(args.id);
      return args;
    case 'rotate':
      requireNewKey(args['new-key']);
      return args;
    default:
      throw new UsageError('clara keys add|list|default|activate|deactivate|delete|verify|rotate');
  }
}

/** `clara keys …`: manages a workspace's LLM API keys and the master key that seals them. */
export async function keysCommand(
  runtime: KeysRuntime,
  sub: string | undefined,
  values: KeysArgs,
): Promise<unknown> {
  const args = await checkKeysArgs(sub, values);
  switch (sub) {
    case 'add':
      return add(runtime, args);
    case 'list': {
      const workspaceId = await requireWorkspace(runtime, args.workspace);
      return { keys: (await listApiKeys(runtime.db, workspaceId)).map(publicKey) };
    }
    case 'default': {
      const workspaceId = await requireWorkspace(runtime, args.workspace);
      const id = requireKeyId(args.id);
      const row = await runtime.db.transaction((tx) => setDefaultApiKey(tx, workspaceId, id));
      return { key: publicKey(row) };
    }
    case 'activate':
    case 'deactivate': {
      const workspaceId = await requireWorkspace(runtime, args.workspace);
      const row = await setApiKeyActive(runtime.db, workspaceId, requireKeyId(args.id), sub === 'activate');
      return { key: publicKey(row) };
    }
    case 'delete': {
      const workspaceId = await requireWorkspace(runtime, args.workspace);
      const id = requireKeyId(args.id);
      await deleteApiKey(runtime.db, workspaceId, id);
      return { deleted: id };
    }
    case 'verify':
      return verify(runtime, args);
    case 'rotate':
      return rotate(runtime, args);
    default:
      throw new UsageError('clara keys add|list|default|activate|deactivate|delete|verify|rotate');
  }
}
