import { describe, expect, it } from 'vitest';
import { tokenize } from '../embedding/tokenize';
import { searchText } from './search-text';

describe('searchText', () => {
  it('folds case over all of Unicode, accents, hyphens and apostrophes', () => {
    expect(searchText('ØRESUND bridge tolls?')).toBe('øresund bridge tolls?');
    expect(searchText('ΑΘΗΝΑ, МОСКВА')).toBe('αθηνα, москва');
    expect(searchText('Is the Café dog-friendly? Don’t')).toBe('is the cafe dogfriendly? dont');
  });

  it('holds each word the tokenizer reads from the same text', () => {
    for (const text of ['Déjà VU à İstanbul', 'ØRESUND', 'Ünïcödé ŁÓDŹ']) {
      for (const word of tokenize(text)) expect(searchText(text)).toContain(word);
    }
  });
});
