import { parseVectorInto, type WorkspaceVectors } from './workspace-vectors';

/** A workspace's vectors that can change row by row (the in-memory copy's incremental updates). */
export interface MutableVectors extends WorkspaceVectors {
  /** Adds or replaces the row of `id` (pgvector text). */
  upsert(id: string, embedding: string): void;
  /** Removes the row of `id`, if held. */
  remove(id: string): void;
  /** Bytes held by the matrix (capacity, not just rows in use). */
  readonly bytes: number;
}

/** An empty copy with room for `capacity` rows; it doubles when full. */
export function createMutableVectors(dimensions: number, version: number, capacity = 0): MutableVectors {
  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  let matrix = new Float32Array(Math.max(1, capacity) * dimensions);

  const write = (row: number, embedding: string) => {
    const offset = row * dimensions;
    const norm = Math.sqrt(parseVectorInto(embedding, matrix, offset, dimensions));
    if (norm > 0) for (let i = offset; i < offset + dimensions; i++) matrix[i] = (matrix[i] ?? 0) / norm;
  };

  const copy: MutableVectors = {
    version,
    ids,
    dimensions,
    matrix,
    get bytes() {
      return matrix.byteLength;
    },
    upsert(id, embedding) {
      const existing = rowOf.get(id);
      if (existing !== undefined) {
        write(existing, embedding);
        return;
      }
      if ((ids.length + 1) * dimensions > matrix.length) {
        const grown = new Float32Array(Math.max(matrix.length * 2, (ids.length + 1) * dimensions));
        grown.set(matrix);
        matrix = grown;
        copy.matrix = grown;
      }
      rowOf.set(id, ids.length);
      ids.push(id);
      write(ids.length - 1, embedding);
    },
    remove(id) {
      const row = rowOf.get(id);
      if (row === undefined) return;
      // The last row moves into the hole: O(dimensions), order does not matter for search.
      const last = ids.length - 1;
      if (row !== last) {
        matrix.copyWithin(row * dimensions, last * dimensions, (last + 1) * dimensions);
        const moved = ids[last] as string;
        ids[row] = moved;
        rowOf.set(moved, row);
      }
      ids.pop();
      rowOf.delete(id);
    },
  };
  return copy;
}
