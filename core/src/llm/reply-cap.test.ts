import { describe, expect, it } from 'vitest';
import { createReplyCap, cutAtBoundary } from './reply-cap';

/** Streams `text` through a cap in `size`-character pieces; what is shown and whether it was cut. */
function run(text: string, size: number, max: number, window = 40) {
  const cap = createReplyCap(max, window);
  let shown = '';
  for (let i = 0; i < text.length; i += size) {
    const step = cap.push(text.slice(i, i + size));
    shown += step.text;
    if (step.capped) return { shown, capped: true };
  }
  return { shown: shown + cap.flush(), capped: false };
}

describe('cutAtBoundary', () => {
  it('prefers the last sentence end, then the last whitespace, and drops dangling punctuation', () => {
    expect(cutAtBoundary('One. Two three four', 16)).toBe('One.');
    expect(cutAtBoundary('Is it? “Yes.” Then more', 20)).toBe('Is it? “Yes.”');
    expect(cutAtBoundary('one two, three', 9)).toBe('one two');
    expect(cutAtBoundary('一句话。第二句', 6)).toBe('一句话。');
    // The character right after the room may be the space that ends the last word.
    expect(cutAtBoundary('one two three', 7)).toBe('one two');
    // No boundary at all: cut at the room, never half of a surrogate pair.
    expect(cutAtBoundary('abcdefgh', 5)).toBe('abcde');
    expect(cutAtBoundary('abcd\ud83d\udeb2x', 5)).toBe('abcd');
  });
});

describe('createReplyCap', () => {
  it('passes a reply under the cap through whole, holding back only the window', () => {
    const text = 'word '.repeat(30);
    expect(run(text, 3, 200)).toEqual({ shown: text, capped: false });
    const cap = createReplyCap(100, 40);
    expect(cap.push('x'.repeat(70)).text).toHaveLength(60);
    expect(cap.flush()).toHaveLength(10);
  });

  it('cuts a runaway reply at a whole word with "…", even when the piece at the cap starts mid-word', () => {
    const text = 'abcdefghijklmnopqr '.repeat(20);
    for (const size of [1, 3, 5, 7, 50, 1000]) {
      const { shown, capped } = run(text, size, 100);
      expect(capped).toBe(true);
      expect(shown.length).toBeLessThanOrEqual(100);
      expect(shown, `pieces of ${size}`).toMatch(/ abcdefghijklmnopqr…$/);
      expect(text.startsWith(shown.slice(0, -1))).toBe(true);
    }
  });

  it('ends at a sentence when one ends within the window', () => {
    const text = 'Parcels arrive within a week. '.repeat(10);
    const { shown } = run(text, 4, 100);
    expect(shown).toBe(`${'Parcels arrive within a week. '.repeat(2)}Parcels arrive within a week.…`);
  });
});
