/**
 * Which embedder embedded each active pair of a workspace (`metadata.embedding_model`, null when
 * unset), counted per model, so the one-embedder check of a search is a look-up in the
 * in-memory copy instead of a scan of the workspace's pairs (`foreignEmbedders`).
 */
export interface ModelLedger {
  /** Records the model of an active pair (replacing what it had). */
  set(id: string, model: string | null): void;
  /** Forgets a pair (deleted or no longer active). */
  remove(id: string): void;
  /**
   * The models other than `embedderId` of the active pairs, sorted, a missing one named
   * 'unknown': what `foreignEmbedders` returns for the same rows.
   */
  others(embedderId: string): string[];
}

export function createModelLedger(): ModelLedger {
  const modelOf = new Map<string, string | null>();
  const counts = new Map<string | null, number>();
  const drop = (id: string) => {
    if (!modelOf.has(id)) return;
    const model = modelOf.get(id) ?? null;
    modelOf.delete(id);
    const left = (counts.get(model) ?? 1) - 1;
    if (left > 0) counts.set(model, left);
    else counts.delete(model);
  };
  return {
    set(id, model) {
      drop(id);
      modelOf.set(id, model);
      counts.set(model, (counts.get(model) ?? 0) + 1);
    },
    remove: drop,
    others(embedderId) {
      const names = new Set<string>();
      for (const model of counts.keys()) if ((model ?? '') !== embedderId) names.add(model ?? 'unknown');
      return [...names].sort();
    },
  };
}
