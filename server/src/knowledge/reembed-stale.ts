import type { Embedder } from '@clara/core';
import { type Database, workspacesToReembed } from '@clara/supabase';
import type { Logger } from '../logger';
import { reindex } from './reindex';

/**
 * Re-embeds every workspace holding pairs that another embedder embedded (embedded mode at
 * start-up, so search never meets mixed vectors), with one log line per workspace.
 */
export async function reembedStaleWorkspaces(
  db: Database,
  embedder: Embedder,
  logger: Pick<Logger, 'info'>,
): Promise<number> {
  let total = 0;
  for (const workspaceId of await workspacesToReembed(db, embedder.id)) {
    const { reindexed } = await reindex(db, embedder, { workspaceId });
    logger.info(
      { workspaceId, reindexed, embedder: embedder.id },
      're-embedded the knowledge base with the current embedder',
    );
    total += reindexed;
  }
  return total;
}
