import type { Database, SqlExecutor } from './database';

/**
 * Runs `fn` as the signed-in owner: one transaction as role `authenticated` with the
 * owner's JWT claims, so the seed's RLS policies decide what it can see and change.
 */
export async function withOwner<T>(
  db: Database,
  owner: { id: string; email?: string | undefined },
  fn: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  const claims = JSON.stringify({ sub: owner.id, role: 'authenticated', email: owner.email ?? null });
  return db.transaction(async (tx) => {
    await tx.query(
      "SELECT set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
      [claims],
    );
    return fn(tx);
  });
}
