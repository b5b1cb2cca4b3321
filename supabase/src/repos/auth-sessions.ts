import type { SqlExecutor } from '../database';

/** Records a new sign-in session (embedded auth) and returns its id, the JWT's `sid`. */
export async function createAuthSession(sql: SqlExecutor, userId: string, expiresAt: Date): Promise<string> {
  // Expired sessions of this user are forgotten as new ones start, so the table stays small.
  await sql.query('DELETE FROM auth_sessions WHERE user_id = $1 AND expires_at < now()', [userId]);
  const [row] = await sql.query<{ id: string }>(
    'INSERT INTO auth_sessions (user_id, expires_at) VALUES ($1, $2) RETURNING id',
    [userId, expiresAt],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** True while the session exists, belongs to the user, is not revoked and has not expired. */
export async function isAuthSessionActive(
  sql: SqlExecutor,
  sessionId: string,
  userId: string,
): Promise<boolean> {
  const rows = await sql.query(
    `SELECT 1 FROM auth_sessions
     WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
    [sessionId, userId],
  );
  return rows.length > 0;
}

/** Ends one session (sign-out). */
export async function revokeAuthSession(sql: SqlExecutor, sessionId: string): Promise<void> {
  await sql.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
    sessionId,
  ]);
}

/** Ends every session of a user except `keep` (sign out everywhere, password change/reset); returns how many. */
export async function revokeUserAuthSessions(
  sql: SqlExecutor,
  userId: string,
  keep?: string | undefined,
): Promise<number> {
  const rows = await sql.query(
    `UPDATE auth_sessions SET revoked_at = now()
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2) RETURNING id`,
    [userId, keep ?? null],
  );
  return rows.length;
}

/** Replaces a user's password hash (embedded auth); false when no such user. */
export async function setUserPassword(
  sql: SqlExecutor,
  userId: string,
  passwordHash: string,
): Promise<boolean> {
  const rows = await sql.query(
    'UPDATE auth.users SET encrypted_password = $2, updated_at = now() WHERE id = $1 RETURNING id',
    [userId, passwordHash],
  );
  return rows.length > 0;
}
