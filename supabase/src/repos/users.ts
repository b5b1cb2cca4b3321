import { ClaraError } from '@clara/core';
import type { SqlExecutor } from '../database';

export interface UserRow {
  id: string;
  email: string;
}

/** Creates an email + password account in `auth.users` (embedded auth). */
export async function createUser(sql: SqlExecutor, email: string, passwordHash: string): Promise<UserRow> {
  try {
    const [row] = await sql.query<UserRow>(
      `INSERT INTO auth.users (email, encrypted_password, email_confirmed_at)
       VALUES (lower($1), $2, now()) RETURNING id, email`,
      [email, passwordHash],
    );
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new ClaraError('conflict', 'An account with this email already exists.', { cause: error });
    }
    throw error;
  }
}

export async function findUserByEmail(
  sql: SqlExecutor,
  email: string,
): Promise<(UserRow & { encrypted_password: string | null }) | null> {
  const [row] = await sql.query<UserRow & { encrypted_password: string | null }>(
    'SELECT id, email, encrypted_password FROM auth.users WHERE lower(email) = lower($1)',
    [email],
  );
  return row ?? null;
}

/** Records a successful sign-in. */
export async function touchLastSignIn(sql: SqlExecutor, userId: string): Promise<void> {
  await sql.query('UPDATE auth.users SET last_sign_in_at = now() WHERE id = $1', [userId]);
}

/** Deletes an account (its workspace and sessions go with it by the foreign keys). */
export async function deleteUser(sql: SqlExecutor, userId: string): Promise<void> {
  await sql.query('DELETE FROM auth.users WHERE id = $1', [userId]);
}

/**
 * Marks the demo owner that `clara start` creates (`raw_app_meta_data.clara_demo`, which no
 * sign-up can set), so it does not take the "first owner signs up freely" place.
 */
export async function markDemoOwner(sql: SqlExecutor, userId: string): Promise<void> {
  await sql.query(
    `UPDATE auth.users SET raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"clara_demo": true}'::jsonb
     WHERE id = $1`,
    [userId],
  );
}

/**
 * Waits for other first-owner sign-ups (a transaction-scoped advisory lock), then tells whether
 * any account other than the demo owner exists: call inside the transaction that creates the account.
 */
export async function lockFirstOwnerAndCheckUsers(tx: SqlExecutor): Promise<boolean> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('clara:first-owner'))");
  const [{ any } = { any: false }] = await tx.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM auth.users
       WHERE raw_app_meta_data->>'clara_demo' IS DISTINCT FROM 'true') AS any`,
  );
  return any;
}

/**
 * Whether any owner account exists (the demo owner of `clara start` not counted): with
 * `CLARA_SIGNUP=invite` the first owner signs up freely, everyone after needs an invite.
 */
export async function ownerAccountsExist(sql: SqlExecutor): Promise<boolean> {
  const [{ any } = { any: false }] = await sql.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM auth.users
       WHERE raw_app_meta_data->>'clara_demo' IS DISTINCT FROM 'true') AS any`,
  );
  return any;
}

/**
 * Whether `userId` is the server's owner: the first account created on this server (the demo
 * owner of `clara start` not counted), the one `CLARA_SIGNUP=invite` let sign up freely. Only
 * that owner may issue owner invites from the admin.
 */
export async function isServerOwner(sql: SqlExecutor, userId: string): Promise<boolean> {
  const [first] = await sql.query<{ id: string }>(
    `SELECT id FROM auth.users
       WHERE raw_app_meta_data->>'clara_demo' IS DISTINCT FROM 'true'
       ORDER BY created_at, id LIMIT 1`,
  );
  return first?.id === userId;
}
