import type { SqlExecutor } from '../database';

/**
 * Whether the database holds any value sealed under the master key (api_keys.encrypted_key,
 * channel_connections.encrypted_credentials, the values `lockAllSealedSecrets` rotates), in any
 * workspace. False on a database not yet migrated (neither table exists). Embedded mode asks
 * this before generating a new master key: with a sealed value stored, a new key would leave
 * it unreadable.
 */
export async function hasSealedSecrets(sql: SqlExecutor): Promise<boolean> {
  const [tables] = await sql.query<{ keys: boolean; channels: boolean }>(
    `SELECT to_regclass('public.api_keys') IS NOT NULL AS keys,
            to_regclass('public.channel_connections') IS NOT NULL AS channels`,
  );
  const checks = [
    tables?.keys ? 'EXISTS (SELECT 1 FROM public.api_keys)' : null,
    tables?.channels ? 'EXISTS (SELECT 1 FROM public.channel_connections)' : null,
  ].filter((c) => c !== null);
  if (checks.length === 0) return false;
  const [row] = await sql.query<{ sealed: boolean }>(`SELECT ${checks.join(' OR ')} AS sealed`);
  return row?.sealed === true;
}

/**
 * One value sealed under the master key (any workspace), or null when none is stored or the
 * database is not yet migrated. A rotation re-seals every value in one transaction, so any one
 * of them tells which key the database is under.
 */
export async function sampleSealedSecret(sql: SqlExecutor): Promise<string | null> {
  const [tables] = await sql.query<{ keys: boolean; channels: boolean }>(
    `SELECT to_regclass('public.api_keys') IS NOT NULL AS keys,
            to_regclass('public.channel_connections') IS NOT NULL AS channels`,
  );
  if (tables?.keys) {
    const [row] = await sql.query<{ sealed: string }>('SELECT encrypted_key AS sealed FROM api_keys LIMIT 1');
    if (row) return row.sealed;
  }
  if (tables?.channels) {
    const [row] = await sql.query<{ sealed: string }>(
      'SELECT encrypted_credentials AS sealed FROM channel_connections LIMIT 1',
    );
    if (row) return row.sealed;
  }
  return null;
}
