import { describe, expect, it } from 'vitest';
import type { QaMatch } from '../schemas/qa-pair';
import { ownersQuestions, pickChips } from './chips';

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

describe('ownersQuestions', () => {
  const owners = m('Do you have gluten-free bread?', 'Yes, every Friday.', 0.3);
  const wording = { ...m("i'm coeliac, anything for me?", 'Yes, every Friday.', 0.7), id: 'p1' };
  const another = { ...m('gf loaf on fridays?', 'Yes, every Friday.', 0.5), id: 'p2' };
  const orphan = { ...m('do you still do spelt?', 'Spelt on Mondays.', 0.6), id: 'p3' };
  const hours = m('What are your hours?', '9 to 5', 0.4);
  const targets = new Map([
    ['p1', { id: owners.id, question: owners.question }],
    ['p2', { id: owners.id, question: owners.question }],
    ['p3', null], // its pair was archived
  ]);

  it("puts the owner's question at the best phrasing's rank, once, and drops phrasings of archived pairs", () => {
    const pool = ownersQuestions([wording, orphan, hours, another, owners], targets);
    expect(pool.map((x) => [x.id, x.question])).toEqual([
      [owners.id, owners.question],
      [hours.id, hours.question],
    ]);
    expect(pool[0]?.similarity).toBe(0.7); // the phrasing's own match
  });

  it('offers the pair a phrasing stands for even when the pair itself was not retrieved', () => {
    const pool = ownersQuestions([wording, hours], targets);
    expect(pickChips(pool, { max: 3, answered: null, asked: 'anything for coeliacs?' })).toEqual([
      owners.question,
      hours.question,
    ]);
  });
});
