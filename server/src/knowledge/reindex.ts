import { type Embedder, embedPairs } from '@clara/core';
import { type Database, pairsToEmbed, setEmbeddings } from '@clara/supabase';

/** Re-embeds every pair (or one workspace's) with `embedder`, page by page, as import does (question + answer). */
export async function reindex(
  db: Database,
  embedder: Embedder,
  options: { workspaceId?: string | undefined; pageSize?: number } = {},
): Promise<{ reindexed: number }> {
  const pageSize = options.pageSize ?? 500;
  let afterId: string | undefined;
  let total = 0;
  for (;;) {
    const page = await pairsToEmbed(db, { workspaceId: options.workspaceId, afterId, limit: pageSize });
    if (page.length === 0) break;
    const vectors = await embedPairs(embedder, page);
    await setEmbeddings(
      db,
      page.map((p, i) => ({ id: p.id, embedding: vectors[i] as Float32Array })),
      embedder.id,
    );
    total += page.length;
    afterId = page.at(-1)?.id;
  }
  return { reindexed: total };
}
