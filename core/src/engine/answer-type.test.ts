import { describe, expect, it } from 'vitest';
import { askedKinds, kindMatch, statedKinds } from './answer-type';

describe('answer types', () => {
  it('reads what a question asks for', () => {
    expect(askedKinds('how much is a visit at home')).toEqual(['price']);
    expect(askedKinds('what time do classes finish')).toContain('time');
    expect(askedKinds('how long is the warranty?')).toContain('duration');
    expect(askedKinds('where are you located?')).toEqual(['place']);
    expect(askedKinds('can I bring my dog?')).toEqual([]);
  });

  it('reads what an answer states', () => {
    expect([...statedKinds('A home visit costs £65 plus the consultation.')]).toEqual(['price']);
    expect(statedKinds('We are open Monday to Friday, 9:00am to 5:30pm.').has('time')).toBe(true);
    expect(statedKinds('Every laptop has a 12-month warranty.').has('duration')).toBe(true);
    expect(statedKinds('Call 01632 960418 or email hello@clinic.example.').has('contact')).toBe(true);
    expect(statedKinds('Yes, we do.').size).toBe(0);
  });

  it('scores the share of asked kinds an answer states, 0 when nothing specific is asked', () => {
    expect(kindMatch(['price'], 'It costs $45.')).toBe(1);
    expect(kindMatch(['price', 'time'], 'It costs $45.')).toBe(0.5);
    expect(kindMatch(['price'], 'We treat cats and dogs.')).toBe(0);
    expect(kindMatch([], 'It costs $45.')).toBe(0);
  });
});
