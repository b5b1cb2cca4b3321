import { describe, expect, it } from 'vitest';
import type { QaMatch } from '../schemas/qa-pair';
import { pickChips } from './chips';

const m = (question: string, answer: string, similarity = 0.6): QaMatch => ({
  id: question,
  question,
  answer,
  category: 'general',
  similarity,
});

describe('pickChips', () => {
  const answered = m('What are your hours?', '9 to 5');
  const candidates = [
    answered,
    m('When are you open?', '9 to 5'), // same answer as the one given
    m('Where are you?', 'Canal Street'),
    m('where are you?', 'Canal Street, again'), // same question, other case
    m('Do you deliver?', 'Yes'),
    m('How much is delivery?', '$5'),
  ];

  it('skips the answered pair, its paraphrases and repeated questions, up to the limit', () => {
    expect(pickChips(candidates, { max: 2, answered, asked: 'hours?' })).toEqual([
      'Where are you?',
      'Do you deliver?',
    ]);
  });

  it('never offers what the visitor just asked', () => {
    expect(pickChips(candidates, { max: 5, answered: null, asked: 'WHERE are you?' })).not.toContain(
      'Where are you?',
    );
  });
});
