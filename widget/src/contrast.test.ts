import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance, pickTextColor } from './contrast';

describe('contrast', () => {
  it('computes WCAG luminance', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(contrastRatio(1, 0)).toBeCloseTo(21);
    expect(luminance('nope')).toBeNaN();
  });

  it.each([
    ['#4f46e5', '#ffffff'],
    // Indigo-500 sits just past the crossover: black 4.70:1 beats white 4.47:1.
    ['#6366f1', '#000000'],
    ['#000000', '#ffffff'],
    ['#1e3a8a', '#ffffff'],
    ['#ffffff', '#000000'],
    ['#fde047', '#000000'],
    ['#22c55e', '#000000'],
    ['#FFA500', '#000000'],
    ['#808080', '#000000'],
  ])('picks readable text on %s', (bg, fg) => {
    expect(pickTextColor(bg)).toBe(fg);
  });

  it('always reaches at least 4.5:1 for the pick', () => {
    for (let v = 0; v < 256; v += 15) {
      const hex = `#${v.toString(16).padStart(2, '0').repeat(3)}`;
      const l = luminance(hex);
      const fg = pickTextColor(hex) === '#000000' ? 0 : 1;
      expect(contrastRatio(l, fg)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('falls back to white for a malformed colour', () => {
    expect(pickTextColor('red')).toBe('#ffffff');
  });
});
