import { describe, expect, it } from 'vitest';
import { hasNoKnownWord } from './known-words';

describe('hasNoKnownWord: keyboard mash as far as the words go', () => {
  it.each(['asdfgh', 'kjhkjhkjh', 'qwerty uiop', 'ASDF!!', 'zxcvb hjkl'])('%j has no known word', (text) =>
    expect(hasNoKnownWord(text)).toBe(true),
  );
  it.each([
    'parking',
    'prices',
    'apointment', // one typo from "appointment"
    'vacination',
    'XPS13', // a model number: a digit
    'SW1A 1AA', // a postcode
    'asdf parking', // one real word is enough
    'the asdfgh',
    'où êtes-vous', // another language: not judged against English
    '停车',
    '',
    '???',
    'asdf asdf asdf asdf asdf asdf asdf asdf asdf', // long: an attempt at a sentence
    // Real words outside the shipped vocabulary: not shaped like mash.
    'houseplants',
    'corsages',
    'hydrangea',
    'hydrangeas?',
    'ranunculus',
    'gerberas',
    'delphiniums?',
    'gypsophila',
    'alstroemeria',
    'labradoodle',
    'apoquel',
    'asdfgh hydrangeas', // one word that is not mash is enough
    // Acronyms: a short word without a vowel is not mash by itself.
    'mtb?',
    'cbt',
    'SSD?',
    'cpd hours',
    'hmrc',
    'gdpr?',
    'sdlt',
    'mot?',
  ])('%j is not keyboard mash', (text) => expect(hasNoKnownWord(text)).toBe(false));
  it('keeps "zxcvbn" as mash', () => expect(hasNoKnownWord('zxcvbn')).toBe(true));
});
