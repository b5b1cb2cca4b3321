import { describe, expect, it } from 'vitest';
import { clarifyAnswerOf } from './small-talk-clarify';

describe('clarifyAnswerOf', () => {
  it.each(['yes', 'Yes please!', 'that one', "That's it", 'OK', 'yep'])('%j is a yes', (text) =>
    expect(clarifyAnswerOf(text)).toBe('yes'),
  );
  it.each(['no', 'Nope.', 'none of these', 'not that one'])('%j is a no', (text) =>
    expect(clarifyAnswerOf(text)).toBe('no'),
  );
  it.each(['yes, and how much is it?', 'the second one', 'hi', ''])('%j is neither', (text) =>
    expect(clarifyAnswerOf(text)).toBeNull(),
  );
});
