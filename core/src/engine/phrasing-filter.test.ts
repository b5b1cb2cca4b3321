import { describe, expect, it } from 'vitest';
import type { QaMatch } from '../schemas/qa-pair';
import { usableCandidates, wordingOverlap } from './phrasing-filter';

const m = (id: string, question: string): QaMatch => ({
  id,
  question,
  answer: `answer of ${id}`,
  category: 'general',
  similarity: 0.5,
});

describe('wordingOverlap', () => {
  it('is the smaller share of content words held in common (stems, case and stop words aside)', () => {
    expect(wordingOverlap('Can you microchip my cat?', 'can you MICROCHIP cats')).toBe(1);
    // {cost, spay, cat} against {microchip, cat, while, she, her, spay}: cat, spay → min(2/3, 2/6).
    expect(
      wordingOverlap('cost of spaying a cat', 'microchip my cat while she is in for her spay'),
    ).toBeCloseTo(1 / 3);
    expect(wordingOverlap('hi', 'the')).toBe(0);
  });
});

describe('usableCandidates', () => {
  const found = [
    m('w1', 'can you microchip my cat while she is in for her spay'),
    m('own1', 'How much does neutering cost?'),
    m('w2', 'how much to spay my cat'),
    m('own2', 'Do you microchip pets?'),
  ];
  const phrasings = new Map([
    ['w1', { id: 'own2', question: 'Do you microchip pets?' }],
    ['w2', { id: 'own1', question: 'How much does neutering cost?' }],
  ]);

  it("keeps the owner's pairs and only the phrasings the question repeats, in search order, up to count", () => {
    expect(usableCandidates(found, phrasings, 'how much to spay my cat?', 10).map((c) => c.id)).toEqual([
      'own1',
      'w2',
      'own2',
    ]);
    expect(usableCandidates(found, phrasings, 'price of neutering a cat', 10).map((c) => c.id)).toEqual([
      'own1',
      'own2',
    ]);
    expect(usableCandidates(found, new Map(), 'anything', 2).map((c) => c.id)).toEqual(['w1', 'own1']);
    // A phrasing of an archived pair never answers, even asked word for word.
    const archived = new Map([...phrasings, ['w2', null]]);
    expect(usableCandidates(found, archived, 'how much to spay my cat?', 10).map((c) => c.id)).toEqual([
      'own1',
      'own2',
    ]);
  });
});
