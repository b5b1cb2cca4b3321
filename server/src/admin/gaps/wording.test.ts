import { describe, expect, it } from 'vitest';
import { asWording, sameWording } from './wording';

describe('sameWording', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(sameWording('What are your opening hours?', '  what are your   opening hours ')).toBe(true);
    expect(sameWording('Do you have Wi-Fi?', 'do you have wifi')).toBe(true);
    expect(sameWording("Don't you open on Sundays?!", 'dont you open on sundays')).toBe(true);
    expect(sameWording('Hours/prices', 'hours prices')).toBe(true);
  });

  it('tells different words apart', () => {
    expect(sameWording('What are your opening hours?', 'What are your closing hours?')).toBe(false);
    expect(sameWording('Do you ship?', 'Do you ship abroad?')).toBe(false);
    expect(asWording('?!')).toBe('');
  });
});
