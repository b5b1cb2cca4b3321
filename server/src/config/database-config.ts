import { invalidConfiguration } from './config-error';
import type { Env } from './env-schema';

/** Where data lives: the Postgres database (or embedded PGlite), Supabase, and the master key. */
export interface DatabaseConfig {
  databaseUrl: string | undefined;
  poolSize: number;
  statementTimeoutMs: number;
  /** Supabase Auth and Storage, when SUPABASE_URL and SUPABASE_ANON_KEY are set. */
  supabase: { url: string; anonKey: string; jwtSecret: string | undefined } | undefined;
  /** CLARA_ENCRYPTION_KEY: the master key for API keys and channel credentials at rest. */
  encryptionKey: string | undefined;
}

/** Builds the database section; SUPABASE_URL and SUPABASE_ANON_KEY go together (else a ConfigError). */
export function databaseConfig(e: Env): DatabaseConfig {
  if (Boolean(e.SUPABASE_URL) !== Boolean(e.SUPABASE_ANON_KEY)) {
    throw invalidConfiguration('set both SUPABASE_URL and SUPABASE_ANON_KEY, or neither');
  }
  return {
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    supabase:
      e.SUPABASE_URL && e.SUPABASE_ANON_KEY
        ? {
            url: e.SUPABASE_URL.replace(/\/+$/, ''),
            anonKey: e.SUPABASE_ANON_KEY,
            jwtSecret: e.SUPABASE_JWT_SECRET,
          }
        : undefined,
    encryptionKey: e.CLARA_ENCRYPTION_KEY,
  };
}
