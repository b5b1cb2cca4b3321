import { describe, expect, it } from 'vitest';
import { looksLikeMash } from './mash-shape';

describe('looksLikeMash: the shape of keyboard mash', () => {
  it.each([
    'asdfgh', // four keys side by side on the home row
    'lkjh', // the same, right to left
    'qwerty',
    'uiop',
    'zxcvbn',
    'kjhkjhkjh', // one chunk typed three times
    'hjkl',
    'sdfg',
    'bcdfg', // no vowel
    'xkcd',
    'grrrrr',
  ])('%j looks like mash', (word) => expect(looksLikeMash(word)).toBe(true));
  it.each([
    'houseplants',
    'corsages',
    'hydrangea',
    'hydrangeas',
    'ranunculus',
    'gerberas',
    'delphiniums',
    'gypsophila',
    'alstroemeria',
    'labradoodle',
    'apoquel',
    'bravecto',
    'chrysanthemums',
  ])('%j does not look like mash', (word) => expect(looksLikeMash(word)).toBe(false));
});
