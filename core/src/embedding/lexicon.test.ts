import { describe, expect, it } from 'vitest';
import { loadLexicon, parseLexicon, wordForm } from './lexicon';
import { createWordReader, wordSimilarity } from './word-match';

const lexicon = parseLexicon(
  [
    '# visitor expression, then owner words',
    'jabs\tvaccination vaccines',
    'put down\teuthanasia',
    'how much\tprice cost',
    'the\tprice',
    'too many words here\tprice',
    '',
  ].join('\n'),
);

describe('parseLexicon', () => {
  it('relates a single word to the owner words, by word form and in both directions', () => {
    expect([...(lexicon.related('jab') ?? [])].sort()).toEqual(['vaccination', 'vaccine']);
    expect(lexicon.related('vaccination')?.has('jab')).toBe(true);
  });

  it('skips stopwords, comments and expressions longer than three words', () => {
    expect(lexicon.related('the')).toBeUndefined();
    expect(lexicon.related('#')).toBeUndefined();
    expect(lexicon.phraseRelations(['too', 'many', 'words', 'here']).size).toBe(0);
  });

  it('gives a phrase’s content words its relations only where the phrase occurs', () => {
    const found = lexicon.phraseRelations(['how', 'much', 'to', 'put', 'down', 'a', 'dog']);
    expect(found.has(0)).toBe(false); // "how" is a stopword
    expect([...(found.get(1) ?? [])]).toEqual(['price', 'cost']);
    expect([...(found.get(3) ?? [])]).toEqual(['euthanasia']);
    expect([...(found.get(4) ?? [])]).toEqual(['euthanasia']);
    expect(lexicon.phraseRelations(['put', 'it', 'down']).size).toBe(0);
  });
});

describe('wordSimilarity with a lexicon', () => {
  const read = createWordReader(undefined, lexicon);
  const plain = createWordReader(undefined, null);
  const best = (r: typeof read, query: string, text: string, word: string) => {
    const w = r(query).find((x) => x.word === word);
    if (!w) throw new Error(`no ${word}`);
    return Math.max(...r(text).map((x) => wordSimilarity(w, x)));
  };

  it('matches a visitor word to the owner word it stands for', () => {
    const answer = 'Vaccinations are £45 for dogs.';
    expect(best(read, 'how much are jabs', answer, 'jabs')).toBeGreaterThanOrEqual(0.8);
    expect(best(plain, 'how much are jabs', answer, 'jabs')).toBeLessThan(0.8);
  });

  it('matches a phrase only in context', () => {
    const answer = 'We offer euthanasia at the clinic or at home.';
    expect(best(read, 'can you put my dog down at home', answer, 'put')).toBeLessThan(0.8);
    expect(best(read, 'can you put down my dog at home', answer, 'put')).toBeGreaterThanOrEqual(0.8);
  });
});

describe('wordForm', () => {
  it('folds plurals but does not stem, so unrelated words stay apart', () => {
    const words = ['jabs', 'allergies', 'glass', 'bus', 'rating', 'rats', 'careers', 'care'];
    expect(words.map(wordForm)).toEqual([
      'jab',
      'allergy',
      'glass',
      'bus',
      'rating',
      'rat',
      'career',
      'care',
    ]);
  });
});

describe('the bundled lexicon', () => {
  it('does not relate words that only share a stem with an entry', () => {
    const read = createWordReader();
    const best = (query: string, text: string, word: string) => {
      const w = read(query).find((x) => x.word === word);
      if (!w) throw new Error(`no ${word}`);
      return Math.max(...read(text).map((x) => wordSimilarity(w, x)));
    };
    expect(best('what is your hygiene rating', 'We deal with rodent infestations.', 'rating')).toBeLessThan(
      0.8,
    );
    expect(
      best('how do i care for the flowers', 'Are you hiring? We have jobs for cleaners.', 'care'),
    ).toBeLessThan(0.8);
    expect(
      best('do you install boilers', 'Spread the payment with our monthly plan.', 'install'),
    ).toBeLessThan(0.8);
  });

  it('loads and relates common visitor words', () => {
    const bundled = loadLexicon();
    expect(bundled).not.toBeNull();
    expect(bundled?.related('kid')?.has('children') ?? bundled?.related('kid')?.has('child')).toBe(true);
  });
});
