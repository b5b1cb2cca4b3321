import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isClaraError } from '@clara/core';
import { type Database, findUserByEmail, openDatabase } from '@clara/supabase';
import type { Config } from '../config/load-config';

/**
 * Whether an owner account already has `email`: true/false when the database could be read,
 * 'unknown' when it could not (a running server holds the embedded database, or none exists
 * yet, or it is not migrated). Opens nothing when the embedded data directory has no database.
 */
export async function accountExists(config: Config, email: string): Promise<boolean | 'unknown'> {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))) return false;
  let db: Database;
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      migrate: false,
      poolSize: 1,
      statementTimeoutMs: config.statementTimeoutMs,
      command: 'owner invite',
    });
  } catch (error) {
    // The embedded database is held by the running server (one writer per data directory).
    if (isClaraError(error) && error.code === 'conflict') return 'unknown';
    throw error;
  }
  try {
    return (await findUserByEmail(db, email)) !== null;
  } catch {
    return 'unknown';
  } finally {
    await db.close();
  }
}
