import { describe, expect, it } from 'vitest';
import { groupingKey, singular } from './grouping-key';

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
