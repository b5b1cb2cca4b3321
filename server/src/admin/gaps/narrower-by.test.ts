import { describe, expect, it } from 'vitest';
import { narrowerBy } from './narrower-by';

describe('narrowerBy', () => {
  it('names the words a broad wording lacks', () => {
    expect(narrowerBy('can i rent', 'Do you rent electric bikes?')).toEqual(['electric', 'bike']);
    expect(narrowerBy('do you?', 'Do you fix flat tyres?')).toEqual(['fix', 'flat', 'tyre']);
  });

  it('is empty when the wording is as specific or says something of its own', () => {
    expect(narrowerBy('Do you rent e-bikes?', 'Do you rent electric bikes?')).toEqual([]);
    expect(narrowerBy('rent electric bike please', 'Do you rent electric bikes?')).toEqual([]);
    expect(narrowerBy('do u fix flat tyres', 'Do you fix flat tyres?')).toEqual([]);
  });
});
