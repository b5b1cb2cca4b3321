import { describe, expect, it } from 'vitest';
import { createMutableVectors } from './mutable-vectors';
import { packVectors, topMatches } from './workspace-vectors';

const dims = 24;
/** A seeded pseudo-random vector as pgvector text, some dimensions zero (sparse like the local embedder's). */
function text(seed: number): string {
  let x = seed * 7919 + 17;
  return `[${Array.from({ length: dims }, () => {
    x = (x * 48_271) % 2_147_483_647;
    return x % 3 === 0 ? 0 : (x % 1000) / 500 - 1;
  }).join(',')}]`;
}

describe('dimension-major mutable vectors', () => {
  it('after growing, replacing and removing rows, searches exactly like a fresh packing of the same rows', () => {
    const copy = createMutableVectors(dims, 1, 0);
    const held = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      copy.upsert(`p${i}`, text(i));
      held.set(`p${i}`, text(i));
    }
    for (let i = 0; i < 100; i += 3) {
      copy.remove(`p${i}`);
      held.delete(`p${i}`);
    }
    for (let i = 1; i < 100; i += 7) {
      copy.upsert(`p${i}`, text(1000 + i));
      held.set(`p${i}`, text(1000 + i));
    }
    copy.remove('absent');
    expect(copy.ids.length).toBe(held.size);
    expect(copy.capacity).toBeGreaterThanOrEqual(held.size);
    expect(copy.bytes).toBe(copy.capacity * dims * 4);
    const fresh = packVectors(
      [...held].map(([id, embedding]) => ({ id, embedding })),
      dims,
      1,
    );
    for (let q = 0; q < 20; q++) {
      const query = Float32Array.from(JSON.parse(text(5000 + q)) as number[]);
      const mine = topMatches(copy, query, -1, 7);
      const theirs = topMatches(fresh, query, -1, 7);
      expect(mine.map((m) => m.id)).toEqual(theirs.map((m) => m.id));
      for (const [i, m] of mine.entries()) expect(m.similarity).toBeCloseTo(theirs[i]?.similarity ?? 9, 6);
    }
  });

  it('scores are cosines: a row equal to the query scores 1, its opposite is never above a threshold of 0', () => {
    const copy = createMutableVectors(3, 1, 2);
    copy.upsert('same', '[2,0,0]');
    copy.upsert('opposite', '[-1,0,0]');
    copy.upsert('diagonal', '[1,1,0]');
    const top = topMatches(copy, new Float32Array([3, 0, 0]), 0, 5);
    expect(top.map((t) => t.id)).toEqual(['same', 'diagonal']);
    expect(top[0]?.similarity).toBeCloseTo(1, 6);
    expect(top[1]?.similarity).toBeCloseTo(Math.SQRT1_2, 6);
  });
});
