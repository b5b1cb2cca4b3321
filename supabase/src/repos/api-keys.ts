import { ClaraError } from '@clara/core';
import type { SqlExecutor } from '../database';

export type ApiKeyProvider = 'openai' | 'anthropic';

/** An api_keys row as anyone may see it: never `encrypted_key`. */
export interface ApiKeyView {
  id: string;
  provider: ApiKeyProvider;
  model: string;
  label: string | null;
  key_last4: string;
  is_default: boolean;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
  /** The last provider test of the key, or null before its first. */
  last_test: ApiKeyTest | null;
}

/** A key's last provider test: its codes only (never the provider's message or the key). */
export interface ApiKeyTest {
  ok: boolean;
  /** The failure's code (auth, unreachable, timeout, …); null when it worked. */
  code: string | null;
  status: number | null;
  provider_code: string | null;
  /** ISO 8601. */
  tested_at: string;
}

/** The row the server decrypts to call the provider. Server-only: never serialise it. */
export interface SealedApiKey {
  id: string;
  provider: ApiKeyProvider;
  model: string;
  encrypted_key: string;
}

export interface NewApiKey {
  provider: ApiKeyProvider;
  model: string;
  /** Already encrypted by the vault (`iv:authTag:ciphertext`). */
  encryptedKey: string;
  keyLast4: string;
  label?: string | null | undefined;
  isDefault?: boolean | undefined;
}

const viewColumns =
  'id, provider, model, label, key_last4, is_default, is_active, created_at, updated_at, last_test';

function notFound(): ClaraError {
  return new ClaraError('not_found', 'No API key with this id in this workspace.');
}

/**
 * Adds a key. With `isDefault` it becomes the workspace's default, replacing the old one:
 * run it in a transaction (`db.transaction` or `withOwner`) so the swap is all or nothing.
 */
export async function insertApiKey(
  sql: SqlExecutor,
  workspaceId: string,
  key: NewApiKey,
): Promise<ApiKeyView> {
  if (key.isDefault) await clearDefault(sql, workspaceId);
  const [row] = await sql.query<ApiKeyView>(
    `INSERT INTO api_keys (workspace_id, provider, model, encrypted_key, key_last4, label, is_default)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${viewColumns}`,
    [
      workspaceId,
      key.provider,
      key.model,
      key.encryptedKey,
      key.keyLast4,
      key.label ?? null,
      key.isDefault ?? false,
    ],
  );
  if (!row) throw new ClaraError('internal', 'The API key was not stored.');
  return row;
}

/** Records a key's test result (so the admin shows a failed key as not working after a reload). */
export async function recordApiKeyTest(
  sql: SqlExecutor,
  workspaceId: string,
  keyId: string,
  test: Omit<ApiKeyTest, 'tested_at'>,
): Promise<void> {
  await sql.query(
    `UPDATE api_keys SET last_test = jsonb_build_object('ok', $3::boolean, 'code', $4::text, 'status', $5::int,
       'provider_code', $6::text, 'tested_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
     WHERE id = $1 AND workspace_id = $2`,
    [keyId, workspaceId, test.ok, test.code, test.status, test.provider_code],
  );
}

/** The workspace's keys, default first, then newest. */
export async function listApiKeys(sql: SqlExecutor, workspaceId: string): Promise<ApiKeyView[]> {
  return sql.query<ApiKeyView>(
    `SELECT ${viewColumns} FROM api_keys WHERE workspace_id = $1
     ORDER BY is_default DESC, created_at DESC, id`,
    [workspaceId],
  );
}

async function clearDefault(sql: SqlExecutor, workspaceId: string, except?: string): Promise<void> {
  await sql.query(
    'UPDATE api_keys SET is_default = false WHERE workspace_id = $1 AND is_default AND id IS DISTINCT FROM $2',
    [workspaceId, except ?? null],
  );
}

/**
 * Makes an active key the workspace's one default: clears the old default, then sets the
 * new one (the partial unique index allows no other order). Run it in a transaction.
 */
export async function setDefaultApiKey(
  sql: SqlExecutor,
  workspaceId: string,
  keyId: string,
): Promise<ApiKeyView> {
  const [key] = await sql.query<{ is_active: boolean }>(
    'SELECT is_active FROM api_keys WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [keyId, workspaceId],
  );
  if (!key) throw notFound();
  if (!key.is_active)
    throw new ClaraError('conflict', 'A deactivated key cannot be the default; activate it first.');
  await clearDefault(sql, workspaceId, keyId);
  const [row] = await sql.query<ApiKeyView>(
    `UPDATE api_keys SET is_default = true WHERE id = $1 AND workspace_id = $2 RETURNING ${viewColumns}`,
    [keyId, workspaceId],
  );
  if (!row) throw notFound();
  return row;
}

/** Turns a key on or off; a deactivated key stops being the default (chat then answers extractively). */
export async function setApiKeyActive(
  sql: SqlExecutor,
  workspaceId: string,
  keyId: string,
  active: boolean,
): Promise<ApiKeyView> {
  const [row] = await sql.query<ApiKeyView>(
    `UPDATE api_keys SET is_active = $3, is_default = is_default AND $3
     WHERE id = $1 AND workspace_id = $2 RETURNING ${viewColumns}`,
    [keyId, workspaceId, active],
  );
  if (!row) throw notFound();
  return row;
}

/** Deletes a key for good. */
export async function deleteApiKey(sql: SqlExecutor, workspaceId: string, keyId: string): Promise<void> {
  const rows = await sql.query('DELETE FROM api_keys WHERE id = $1 AND workspace_id = $2 RETURNING id', [
    keyId,
    workspaceId,
  ]);
  if (rows.length === 0) throw notFound();
}

/** The workspace's default active key, sealed, for the server's key resolver. */
export async function getDefaultSealedKey(
  sql: SqlExecutor,
  workspaceId: string,
): Promise<SealedApiKey | null> {
  const [row] = await sql.query<SealedApiKey>(
    `SELECT id, provider, model, encrypted_key FROM api_keys
     WHERE workspace_id = $1 AND is_default AND is_active`,
    [workspaceId],
  );
  return row ?? null;
}

/** Every sealed key of a workspace (e.g. to check that each still decrypts). */
export async function listSealedKeys(sql: SqlExecutor, workspaceId: string): Promise<SealedApiKey[]> {
  return sql.query<SealedApiKey>(
    'SELECT id, provider, model, encrypted_key FROM api_keys WHERE workspace_id = $1 ORDER BY created_at, id',
    [workspaceId],
  );
}

/** A vault-encrypted value somewhere in the database, for master-key rotation. */
export interface SealedSecret {
  table: 'api_keys' | 'channel_connections';
  id: string;
  encrypted_key: string;
}

/**
 * Every value sealed under the master key, all workspaces: api_keys.encrypted_key and
 * channel_connections.encrypted_credentials, locked until the transaction ends.
 */
export async function lockAllSealedSecrets(sql: SqlExecutor): Promise<SealedSecret[]> {
  const keys = await sql.query<{ id: string; sealed: string }>(
    'SELECT id, encrypted_key AS sealed FROM api_keys ORDER BY id FOR UPDATE',
  );
  const channels = await sql.query<{ id: string; sealed: string }>(
    'SELECT id, encrypted_credentials AS sealed FROM channel_connections ORDER BY id FOR UPDATE',
  );
  return [
    ...keys.map((r) => ({ table: 'api_keys' as const, id: r.id, encrypted_key: r.sealed })),
    ...channels.map((r) => ({ table: 'channel_connections' as const, id: r.id, encrypted_key: r.sealed })),
  ];
}

/** Writes re-encrypted values back (same transaction as `lockAllSealedSecrets`). */
export async function writeSealedSecrets(sql: SqlExecutor, secrets: readonly SealedSecret[]): Promise<void> {
  for (const table of ['api_keys', 'channel_connections'] as const) {
    const rows = secrets.filter((s) => s.table === table);
    if (rows.length === 0) continue;
    const column = table === 'api_keys' ? 'encrypted_key' : 'encrypted_credentials';
    await sql.query(
      `UPDATE ${table} t SET ${column} = v.sealed
       FROM unnest($1::uuid[], $2::text[]) AS v(id, sealed) WHERE t.id = v.id`,
      [rows.map((r) => r.id), rows.map((r) => r.encrypted_key)],
    );
  }
}
