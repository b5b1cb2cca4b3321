import { describe, expect, it } from 'vitest';
import type { QaMatch } from '../schemas/qa-pair';
import { rankMatches, rerankPool, rerankWeight } from './rerank';

const match = (id: string, similarity: number, question: string, answer = 'An answer.'): QaMatch => ({
  id,
  question,
  answer,
  category: 'general',
  similarity,
});

describe('rankMatches', () => {
  it('keeps matches above the floor, at most the pool, scored similarity + weight × alignment', () => {
    const many = Array.from({ length: 12 }, (_, i) => match(String(i), 0.9 - i * 0.01, 'Where is the shop?'));
    const ranked = rankMatches([...many, match('low', 0.5, 'Where is the shop?')], 'where is the shop', 0.5);
    expect(ranked).toHaveLength(rerankPool);
    expect(ranked.every((m) => m.similarity > 0.5)).toBe(true);
    for (const m of ranked) expect(m.score).toBeCloseTo(m.similarity + rerankWeight * m.align, 10);
  });

  it('moves a pair whose words the query shares above a slightly more similar one', () => {
    const ranked = rankMatches(
      [
        match('fitting', 0.6, 'Do you do bike fitting?', 'A fitting takes an hour.'),
        match('kids', 0.58, 'Do you rent kids bikes or child seats?', 'Kids bikes from 10 a day.'),
      ],
      'can I hire a bike for my child',
      0.5,
    );
    expect(ranked.map((m) => m.id)).toEqual(['kids', 'fitting']);
    expect(ranked[0]?.similarity).toBe(0.58);
  });

  it('keeps the alignment already computed for a match', () => {
    const ranked = rankMatches(
      [{ ...match('a', 0.7, 'Unrelated words'), align: 0.5 } as QaMatch],
      'x y',
      0.5,
    );
    expect(ranked[0]?.align).toBe(0.5);
  });
});
