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
    'bcdfgh', // no vowel, longer than an acronym
    'grrrrr',
    'zzz', // a key held down
    'hmmmm',
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
    // Acronyms: up to five letters without a vowel.
    'mtb',
    'cbt',
    'ssd',
    'cpd',
    'hmrc',
    'gdpr',
    'sdlt',
    'nspcc',
    'xkcd',
    'mot',
  ])('%j does not look like mash', (word) => expect(looksLikeMash(word)).toBe(false));
});
