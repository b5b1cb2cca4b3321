import { describe, expect, it } from 'vitest';
import { hasContentWord, hasNoTopic } from './content-words';

describe('hasContentWord', () => {
  it.each([
    'no',
    'No.',
    'is it',
    'and you?',
    'not really',
    'yes please',
    "isn't it?",
    "I'm not",
    '???',
    '',
    '👍',
  ])('%j has none', (text) => expect(hasContentWord(text)).toBe(false));
  it.each(['bike', 'price?', 'where are you?', 'how much?', 'Is there parking?', '2', 'no parking?'])(
    '%j has one',
    (text) => expect(hasContentWord(text)).toBe(true),
  );
});

describe('hasNoTopic', () => {
  it.each(['no', 'is it', 'and you?', "isn't it?", 'no no no no no no no no no no no no no no no'])(
    '%j has no topic',
    (text) => expect(hasNoTopic(text)).toBe(true),
  );
  it.each(['bike', 'where are you?', 'do i have to be there', 'can you do it for me'])(
    '%j may be a question',
    (text) => expect(hasNoTopic(text)).toBe(false),
  );
});
