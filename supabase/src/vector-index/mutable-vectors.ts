import { type WorkspaceVectors, writeRow } from './workspace-vectors';

/** A workspace's vectors that can change row by row (the in-memory copy's incremental updates). */
export interface MutableVectors extends WorkspaceVectors {
  /** Adds or replaces the row of `id` (pgvector text). */
  upsert(id: string, embedding: string): void;
  /** Removes the row of `id`, if held. */
  remove(id: string): void;
  /** Bytes held by the matrix (capacity, not just rows in use). */
  readonly bytes: number;
}

/**
 * An empty copy with room for `capacity` rows and a little headroom, so the edits after a load
 * rarely regrow it; it grows by half when full (a dimension-major matrix regrows column by column).
 */
export function createMutableVectors(dimensions: number, version: number, capacity = 0): MutableVectors {
  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  const scratch = new Float32Array(dimensions);
  const initial = Math.max(16, capacity + Math.ceil(capacity / 16));

  const copy: MutableVectors = {
    version,
    ids,
    dimensions,
    capacity: initial,
    matrix: new Float32Array(initial * dimensions),
    get bytes() {
      return copy.matrix.byteLength;
    },
    upsert(id, embedding) {
      const existing = rowOf.get(id);
      if (existing !== undefined) {
        writeRow(copy.matrix, copy.capacity, dimensions, existing, embedding, scratch);
        return;
      }
      if (ids.length === copy.capacity) grow();
      rowOf.set(id, ids.length);
      ids.push(id);
      writeRow(copy.matrix, copy.capacity, dimensions, ids.length - 1, embedding, scratch);
    },
    remove(id) {
      const row = rowOf.get(id);
      if (row === undefined) return;
      // The last row moves into the hole: one float per column, order does not matter for search.
      const last = ids.length - 1;
      if (row !== last) {
        const { matrix, capacity: c } = copy;
        for (let i = 0; i < dimensions; i++) matrix[i * c + row] = matrix[i * c + last] as number;
        const moved = ids[last] as string;
        ids[row] = moved;
        rowOf.set(moved, row);
      }
      ids.pop();
      rowOf.delete(id);
    },
  };

  function grow(): void {
    const old = copy.capacity;
    const next = Math.max(16, Math.ceil(old * 1.5));
    const grown = new Float32Array(next * dimensions);
    for (let i = 0; i < dimensions; i++)
      grown.set(copy.matrix.subarray(i * old, i * old + ids.length), i * next);
    copy.matrix = grown;
    copy.capacity = next;
  }

  return copy;
}
