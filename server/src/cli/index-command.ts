import {
  type Database,
  HnswUnavailableError,
  rebuildVectorIndex,
  rebuildWorkspaceVectorIndex,
} from '@clara/supabase';
import { z } from 'zod';
import { UsageError } from './output';

export const indexHelp = `  clara index rebuild [--type hnsw|ivfflat] [--lists N] [--workspace ID]
                                           rebuild the vector index: HNSW (the default, as migrated on
                                           Postgres) or IVFFlat with lists = N (default rows / 333);
                                           --workspace: a partial HNSW index for one large workspace`;

/**
 * Lists for `rows` pairs. The store probes 50 lists per search, so lists must be well above 50
 * to skip any: at 100K pairs lists = 300 kept recall@5 at 1.0 and cut p50 about 9× against
 * exact search (bench/vector.ts), hence rows / 333 (the seed's rows / 1000 would give 100).
 */
export const defaultLists = (rows: number) => Math.min(2000, Math.max(50, Math.round(rows / 333)));

/** The values `clara index` reads from the command line. */
export interface IndexArgs {
  lists?: string | undefined;
  type?: string | undefined;
  workspace?: string | undefined;
}

type CheckedIndexArgs = { workspace: string } | { type: 'hnsw' | 'ivfflat'; lists: number | undefined };

/** `clara index …`'s flags, checked before the database is opened. */
export function checkIndexArgs(sub: string | undefined, args: IndexArgs): CheckedIndexArgs {
  if (sub !== 'rebuild')
    throw new UsageError(
      'did you mean: clara index rebuild [--type hnsw|ivfflat] [--lists N] [--workspace ID]',
    );
  if (args.workspace !== undefined) {
    if (args.lists !== undefined || (args.type !== undefined && args.type !== 'hnsw'))
      throw new UsageError('--workspace builds an HNSW index: no --lists or --type ivfflat');
    const id = z.uuid().safeParse(args.workspace);
    if (!id.success) throw new UsageError('--workspace must be a workspace id (uuid)');
    return { workspace: id.data };
  }
  const type = args.type ?? (args.lists !== undefined ? 'ivfflat' : 'hnsw');
  if (type !== 'hnsw' && type !== 'ivfflat') throw new UsageError('--type must be hnsw or ivfflat');
  let lists: number | undefined;
  if (args.lists !== undefined) {
    if (type === 'hnsw') throw new UsageError('--lists is for --type ivfflat');
    lists = Number(args.lists);
    if (!Number.isInteger(lists) || lists < 1 || lists > 32_768)
      throw new UsageError('--lists must be 1-32768');
  }
  return { type, lists };
}

/**
 * `clara index rebuild`: drops and rebuilds `idx_qa_pairs_embedding` in one transaction (writes
 * to qa_pairs wait while it builds; searches keep working), then ANALYZE. HNSW is built by the
 * migration's own `clara_build_hnsw_index()` (index and search settings as shipped); IVFFlat
 * with `lists = N`, learnt from the rows present now.
 */
export async function indexCommand(db: Database, sub: string | undefined, args: IndexArgs) {
  const checked = checkIndexArgs(sub, args);
  if ('workspace' in checked) return workspaceIndex(db, checked.workspace);
  const { type, lists } = checked;
  const started = performance.now();
  const built = await rebuildVectorIndex(db, type, (rows) => lists ?? defaultLists(rows)).catch((error) => {
    throw error instanceof HnswUnavailableError ? new UsageError(error.message) : error;
  });
  return { ...built, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * `clara index rebuild --workspace ID`: a partial HNSW index over one workspace's pairs (the
 * migration's `clara_build_workspace_hnsw_index`), for a large workspace in a shared table.
 */
async function workspaceIndex(db: Database, workspace: string) {
  const started = performance.now();
  const built = await rebuildWorkspaceVectorIndex(db, workspace);
  if (!built) throw new UsageError(`no workspace ${workspace}`);
  return {
    index: built.index,
    type: 'hnsw',
    workspace,
    rows: built.rows,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
