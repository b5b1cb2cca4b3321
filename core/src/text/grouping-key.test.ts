import { describe, expect, it } from 'vitest';
import { groupingKey, questionKey, singular } from './grouping-key';

describe('groupingKey', () => {
  it('joins a short hyphenated prefix and separates other hyphenated words', () => {
    expect(groupingKey('Do you have Wi-Fi?')).toBe(groupingKey('do you have wifi?'));
    expect(groupingKey('Do you rent e-bikes?')).toBe('do you rent ebike?');
    expect(groupingKey('When is check-in?')).toBe('when is check in?');
    expect(groupingKey('Is the café dog-friendly?')).toBe('is the café dog friendly?');
  });

  it('makes simple plurals singular, and leaves other words ending in s alone', () => {
    expect(groupingKey('Are DOGS allowed?')).toBe('are dog allowed?');
    expect(groupingKey('can I bring my dogs')).toBe(groupingKey('Can I bring my dog'));
    expect(groupingKey('prices for puppies, boxes and brushes')).toBe('price for puppy, box and brush');
    expect(groupingKey('How much does this class cost? Yes, always')).toBe(
      'how much does this class cost? yes, always',
    );
    expect(['is', 'bus', 'glass', 'bonus', 'analysis', 'its'].map(singular)).toEqual([
      'is',
      'bus',
      'glass',
      'bonus',
      'analysis',
      'its',
    ]);
  });
});

describe('questionKey', () => {
  it('settles what the grouping settles, then case, accents and punctuation as the embedder reads them', () => {
    expect(questionKey('Do you have Wi-Fi?')).toBe(questionKey('do you have wifi'));
    expect(questionKey('Is the café open on Sundays?')).toBe('is the cafe open on sunday');
    expect(questionKey('Do you have Wi-Fi?')).not.toBe(questionKey('Do you have parking?'));
  });
});
