import { isClaraError } from '@clara/core';

/**
 * A DATABASE_URL taken apart without trusting `new URL` with the user info: a password holding an
 * unencoded `/`, `?` or `#` would end the authority early, and `new URL` would then read part of
 * the password as the host. The user info ends at the authority's last `@`.
 */
function splitDatabaseUrl(databaseUrl: string): { url: URL; user: string } | null {
  const scheme = databaseUrl.indexOf('://');
  if (scheme < 0) return null;
  const rest = databaseUrl.slice(scheme + 3);
  const at = rest.lastIndexOf('@');
  const userInfo = at < 0 ? '' : rest.slice(0, at);
  try {
    const url = new URL(`${databaseUrl.slice(0, scheme)}://${rest.slice(at + 1)}`);
    const name = userInfo.split(':')[0] ?? '';
    let user = name;
    try {
      user = decodeURIComponent(name);
    } catch {
      // Left as written.
    }
    return { url, user };
  } catch {
    return null;
  }
}

/** `host:port/database` of a DATABASE_URL: never the user name's password. */
export function describeDatabaseUrl(databaseUrl: string): string {
  const parts = splitDatabaseUrl(databaseUrl);
  if (!parts) return 'DATABASE_URL';
  const { url } = parts;
  let database = url.pathname.replace(/^\//, '');
  try {
    database = decodeURIComponent(database);
  } catch {
    // Left as written.
  }
  return `${url.hostname || 'localhost'}:${url.port || '5432'}/${database || '(default database)'}`;
}

/** `host:port` of a DATABASE_URL (never its user info), or null when it cannot be read. */
export function databaseHost(databaseUrl: string): string | null {
  const parts = splitDatabaseUrl(databaseUrl);
  return parts ? `${parts.url.hostname || 'localhost'}:${parts.url.port || '5432'}` : null;
}

function userOf(databaseUrl: string): string {
  const parts = splitDatabaseUrl(databaseUrl);
  return parts ? parts.user || '(default user)' : '(unknown)';
}

/** The Postgres SQLSTATE or the socket error code of an error, or of the error it wraps. */
function codeOf(error: unknown): { code: string | undefined; message: string } {
  const inner = isClaraError(error) && error.cause ? error.cause : error;
  const e = inner as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(inner);
  return { code: typeof e?.code === 'string' ? e.code : undefined, message };
}

const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
]);

/**
 * One line for a database failure of a CLI command with DATABASE_URL: where (host:port/database,
 * never the password) and what to do; `null` when the error is not one of these.
 */
export function explainDatabaseError(
  error: unknown,
  databaseUrl: string | undefined,
  command: string | undefined,
): string | null {
  if (!databaseUrl) return null;
  const { code, message } = codeOf(error);
  if (!code) return null;
  const where = describeDatabaseUrl(databaseUrl);
  const user = userOf(databaseUrl);
  if (
    unreachable.has(code) ||
    (isClaraError(error) && error.code === 'unavailable' && /^(08|57P)/.test(code))
  )
    return `cannot reach Postgres at ${where} (${code}): is it running, and are the host and port in DATABASE_URL right?`;
  switch (code) {
    case '3D000':
      return `the database at ${where} does not exist: create it (createdb, then CREATE EXTENSION vector as a superuser) or fix the database name in DATABASE_URL.`;
    case '28000':
      return `Postgres at ${where} refused the role "${user}" (${message}): check the user name in DATABASE_URL (and pg_hba.conf).`;
    case '28P01':
      return `password authentication failed for the role "${user}" at ${where}: check the password in DATABASE_URL.`;
    case '42P01':
      return `the database at ${where} is missing Clara's tables (${message}): run clara migrate.`;
    case '42501':
      return command === 'migrate'
        ? `clara migrate needs a role that may create roles and extensions (a superuser on plain Postgres; on Supabase the postgres role): the role "${user}" at ${where} was refused (${message}).`
        : `the role "${user}" at ${where} lacks a privilege (${message}): Clara's role needs all privileges on its tables (run clara migrate as a superuser first).`;
    case '58P01':
    case '0A000':
      return /vector/.test(message)
        ? `pgvector is not installed on the Postgres server at ${where} (${message}): install it (e.g. postgresql-15-pgvector).`
        : null;
    default:
      return null;
  }
}
