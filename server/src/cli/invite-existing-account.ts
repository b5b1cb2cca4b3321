import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isClaraError } from '@clara/core';
import { type Database, findUserByEmail, openDatabase } from '@clara/supabase';
import type { Config } from '../config/load-config';
import { databaseHost } from './database-errors';

/**
 * How long the optional check waits for DATABASE_URL's database: the invite needs only the master
 * key, so a database that is down or stalls delays it by this much at most.
 */
export const inviteCheckTimeoutMs = 3_000;

/** The check could not be made, and why (one clause, for the note). */
export interface AccountUnknown {
  unknown: string;
}

/** Where DATABASE_URL points (host and port, never the credentials). */
function whereIs(databaseUrl: string): string {
  const host = databaseHost(databaseUrl);
  return host ? `at ${host}` : 'at DATABASE_URL';
}

/** Why a DATABASE_URL database could not be read, in one clause. */
function unreadable(databaseUrl: string, error: unknown): string {
  const where = whereIs(databaseUrl);
  // The driver's own error (the store keeps it as the cause of its 'unavailable').
  const cause = isClaraError(error) ? error.cause : error;
  const message = cause instanceof Error ? cause.message : '';
  if (/timeout/i.test(message))
    return `the database ${where} did not answer within ${inviteCheckTimeoutMs / 1000} s`;
  if (isClaraError(error) && error.code === 'unavailable') return `the database ${where} is unreachable`;
  return `the database ${where} could not be read`;
}

/**
 * Whether an owner account already has `email`: true/false when the database could be read, else
 * why not (a running server holds the embedded database; DATABASE_URL's database is down, does
 * not answer within `inviteCheckTimeoutMs`, or cannot be read, e.g. not migrated). Opens nothing
 * when the embedded data directory has no database.
 */
export async function accountExists(config: Config, email: string): Promise<boolean | AccountUnknown> {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))) return false;
  let db: Database;
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      migrate: false,
      poolSize: 1,
      statementTimeoutMs: Math.min(config.statementTimeoutMs || inviteCheckTimeoutMs, inviteCheckTimeoutMs),
      connectionTimeoutMs: inviteCheckTimeoutMs,
      command: 'owner invite',
    });
  } catch (error) {
    // The embedded database is held by the running server (one writer per data directory).
    if (isClaraError(error) && error.code === 'conflict')
      return { unknown: 'the running server holds the database' };
    if (config.databaseUrl) return { unknown: unreadable(config.databaseUrl, error) };
    throw error;
  }
  try {
    return (await findUserByEmail(db, email)) !== null;
  } catch (error) {
    return {
      unknown: config.databaseUrl
        ? unreadable(config.databaseUrl, error)
        : 'the database could not be read (is it migrated? clara migrate)',
    };
  } finally {
    await db.close();
  }
}
