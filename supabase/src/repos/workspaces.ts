import { ClaraError, parseSettings, type WorkspaceRecord } from '@clara/core';
import type { SqlExecutor } from '../database';

interface WorkspaceRow {
  id: string;
  name: string;
  settings: unknown;
}

const toRecord = (row: WorkspaceRow): WorkspaceRecord => ({
  id: row.id,
  name: row.name,
  settings: parseSettings(row.settings),
});

/** Creates the owner's one workspace (the seed's 1:1 rule), with the seed's default settings. */
export async function createWorkspace(
  sql: SqlExecutor,
  ownerId: string,
  options: { name?: string | undefined; settings?: Record<string, unknown> | undefined } = {},
): Promise<WorkspaceRecord> {
  try {
    const [row] = await sql.query<WorkspaceRow>(
      // name falls back to the column default ('My Chatbot'); settings take the seed's default.
      `INSERT INTO workspaces (owner_id, name)
       VALUES ($1, coalesce($2, 'My Chatbot'))
       RETURNING id, name, settings`,
      [ownerId, options.name ?? null],
    );
    if (!row) throw new Error('insert returned no row');
    if (options.settings) return updateSettings(sql, row.id, options.settings);
    return toRecord(row);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new ClaraError('conflict', 'This owner already has a workspace (one workspace per owner).', {
        cause: error,
      });
    }
    throw error;
  }
}

/** Merges `patch` into the workspace settings. */
export async function updateSettings(
  sql: SqlExecutor,
  workspaceId: string,
  patch: Record<string, unknown>,
): Promise<WorkspaceRecord> {
  const [row] = await sql.query<WorkspaceRow>(
    'UPDATE workspaces SET settings = settings || $2::jsonb WHERE id = $1 RETURNING id, name, settings',
    [workspaceId, JSON.stringify(patch)],
  );
  if (!row) throw new ClaraError('workspace_not_found', 'No workspace has this id.');
  return toRecord(row);
}

export async function getWorkspace(sql: SqlExecutor, workspaceId: string): Promise<WorkspaceRecord | null> {
  const [row] = await sql.query<WorkspaceRow>('SELECT id, name, settings FROM workspaces WHERE id = $1', [
    workspaceId,
  ]);
  return row ? toRecord(row) : null;
}

export async function getWorkspaceByOwner(
  sql: SqlExecutor,
  ownerId: string,
): Promise<WorkspaceRecord | null> {
  const [row] = await sql.query<WorkspaceRow>(
    'SELECT id, name, settings FROM workspaces WHERE owner_id = $1',
    [ownerId],
  );
  return row ? toRecord(row) : null;
}

/** The id of the one workspace the signed-in owner's claims can see (RLS path), or null. */
export async function ownWorkspaceId(tx: SqlExecutor): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM workspaces WHERE owner_id = auth.uid()');
  return row?.id ?? null;
}

/** Renames the workspace. */
export async function renameWorkspace(sql: SqlExecutor, workspaceId: string, name: string): Promise<void> {
  await sql.query('UPDATE workspaces SET name = $2 WHERE id = $1', [workspaceId, name]);
}

/** True when a workspace has this id. */
export async function workspaceExists(sql: SqlExecutor, workspaceId: string): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM workspaces WHERE id = $1', [workspaceId]);
  return rows.length > 0;
}

/** How many workspaces the database holds. */
export async function countWorkspaces(sql: SqlExecutor): Promise<number> {
  const [row] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM workspaces');
  return row?.n ?? 0;
}

/** Every workspace's id, in id order (for sweeps over all workspaces). */
export async function listWorkspaceIds(sql: SqlExecutor): Promise<string[]> {
  const rows = await sql.query<{ id: string }>('SELECT id FROM workspaces ORDER BY id');
  return rows.map((r) => r.id);
}
