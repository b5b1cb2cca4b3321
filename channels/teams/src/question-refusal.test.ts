import { describe, expect, it } from 'vitest';
import { questionRefusal, tooLongNotice, unstorableNotice } from './question-refusal';

describe('questionRefusal', () => {
  it('names unstorable text as such, even when it is also long', () => {
    expect(questionRefusal('a\u0000b')).toBe(unstorableNotice);
    expect(questionRefusal('half an emoji \ud83d')).toBe(unstorableNotice);
    expect(questionRefusal(`\u0000${'x'.repeat(3000)}`)).toBe(unstorableNotice);
  });

  it('calls only text over 2,000 characters too long, and lets the rest through', () => {
    expect(questionRefusal('x'.repeat(2001))).toBe(tooLongNotice);
    expect(questionRefusal('x'.repeat(2000))).toBeNull();
    expect(questionRefusal('Do you sell \ud83d\udeb2 bikes?')).toBeNull();
  });
});
