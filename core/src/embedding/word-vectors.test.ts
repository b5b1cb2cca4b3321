import { describe, expect, it } from 'vitest';
import { loadWordVectors } from './word-vectors';

describe('loadWordVectors', () => {
  const vectors = loadWordVectors();

  it('loads the shipped frequency-ranked vocabulary', () => {
    expect(vectors.dimensions).toBe(100);
    expect(vectors.size).toBeGreaterThan(10_000);
    const the = vectors.indexOf('the');
    expect(the).toBeGreaterThanOrEqual(0);
    expect(vectors.rankAt(the)).toBe(0);
    expect(vectors.indexOf('not-a-word-at-all')).toBe(-1);
  });

  it('stores unit vectors where related words are close', () => {
    const vec = (w: string) => {
      const v = new Float32Array(100);
      vectors.addTo(v, 0, vectors.indexOf(w), 1);
      return v;
    };
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    expect(cos(vec('money'), vec('money'))).toBeCloseTo(1, 1);
    expect(cos(vec('refund'), vec('reimbursement'))).toBeGreaterThan(cos(vec('refund'), vec('giraffe')));
  });

  it('reports an unreadable file clearly', () => {
    expect(() => loadWordVectors('/nonexistent/word-vectors.bin')).toThrow(
      /word vectors could not be loaded/,
    );
  });
});
