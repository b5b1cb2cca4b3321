import { describe, expect, it } from 'vitest';
import { createWordAligner, wordAlignment } from './word-alignment';

describe('wordAlignment', () => {
  it('is 1 when every content word of the query occurs in the text, 0 without content words', () => {
    expect(wordAlignment('reset my passwords', 'How do I reset my password?')).toBeCloseTo(1, 6);
    expect(wordAlignment('how do I', 'How do I reset my password?')).toBe(0);
    expect(wordAlignment('reset password', '')).toBe(0);
  });

  it('credits related words through the word vectors, more than unrelated ones', () => {
    const related = wordAlignment('do you see kids', 'Do you treat children?');
    const unrelated = wordAlignment('do you see giraffes', 'Do you treat children?');
    expect(related).toBeGreaterThan(unrelated);
    expect(related).toBeLessThan(1);
  });

  it('weights rare words more than common ones', () => {
    // "invisalign" is rare, "cost" common: matching the rare word counts for more.
    const rare = wordAlignment('invisalign cost', 'Do you offer Invisalign?');
    const common = wordAlignment('invisalign cost', 'What does it cost?');
    expect(rare).toBeGreaterThan(common);
  });

  it('falls back to exact stems without word vectors', () => {
    const align = createWordAligner({
      dimensions: 1,
      size: 0,
      indexOf: () => -1,
      wordAt: () => '',
      rankAt: () => 0,
      addTo: () => {},
    });
    expect(align('do you see kids', 'Do you treat children?')).toBe(0);
    expect(align('treat kids', 'Do you treat children?')).toBeCloseTo(0.5, 6);
  });
});
