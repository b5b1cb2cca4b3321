import { ClaraError } from '@clara/core';
import { type Database, ownWorkspaceId, type SqlExecutor, withOwner } from '@clara/supabase';
import type { Context } from 'koa';
import type { OwnerState } from '../auth';

/** Runs owner queries: one RLS transaction, with the workspace the owner's JWT can see. */
export type OwnerRun = <T>(fn: (tx: SqlExecutor, workspaceId: string) => Promise<T>) => Promise<T>;

/**
 * The only way admin routes touch the database: `withOwner()` (role `authenticated` with the
 * owner's claims), so the seed's RLS policies scope every read and write to this owner.
 */
export function ownerRun(ctx: Context, db: Database): OwnerRun {
  const { owner } = ctx.state as OwnerState;
  return (fn) =>
    withOwner(db, owner, async (tx) => {
      const id = await ownWorkspaceId(tx);
      if (!id)
        throw new ClaraError('workspace_not_found', 'You have no workspace yet: sign out and in again.');
      return fn(tx, id);
    });
}
