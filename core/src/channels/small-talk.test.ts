import { describe, expect, it } from 'vitest';
import { smallTalkOf, smallTalkReply } from './small-talk';

describe('smallTalkOf: conversational messages', () => {
  it.each([
    'yes',
    'Yes please!',
    'No.',
    'no',
    'nope',
    'not really',
    'ok',
    'OK!',
    'sure',
    'got it',
    'is it',
    'and you?',
  ])('%j is an acknowledgement', (text) => expect(smallTalkOf(text)).toBe('acknowledgement'));
  it.each(['help', 'Help?', 'can you help me?', 'I have a question', '???', '...', '👀'])(
    '%j is a call for help',
    (text) => expect(smallTalkOf(text)).toBe('help'),
  );
  it.each([
    'bike',
    'price?',
    'where are you?',
    'no parking?',
    'yes, how much is a service?',
    'help with my brakes',
    'do i have to be there',
    '',
    '   ',
  ])('%j is not small talk', (text) => expect(smallTalkOf(text)).toBeNull());

  it.each(['ok cool', 'Great', 'great!', 'that’s great', 'sounds good', 'OK, perfect.'])(
    '%j (approval with no topic) is an acknowledgement',
    (text) => expect(smallTalkOf(text)).toBe('acknowledgement'),
  );
  it.each(['cool thanks', 'Cool, thank you!', 'ok great thanks'])('%j is a thanks', (text) =>
    expect(smallTalkOf(text)).toBe('thanks'),
  );
  it.each(['no thanks', 'No thank you.', "that's all", 'That’s all, thanks!', 'bye'])(
    '%j is a polite close',
    (text) => expect(smallTalkOf(text)).toBe('closing'),
  );
  it.each(['what?', 'What', 'huh?', 'sorry?', 'why?', 'Why not?', 'what do you mean?'])(
    '%j says the last reply was not understood',
    (text) => expect(smallTalkOf(text)).toBe('unclear'),
  );
  it.each([
    'cool prices',
    'great, where are you?',
    'why is it closed?',
    'what is a groom?',
    'not great',
    'no thanks, how much is a service?',
  ])('%j keeps its topic: not small talk', (text) => expect(smallTalkOf(text)).toBeNull());
  it('"sorry" without a question mark is an apology, not a request to say it again', () =>
    expect(smallTalkOf('sorry')).toBe('acknowledgement'));

  it('closes politely and asks to rephrase', () => {
    expect(smallTalkReply('closing')).toBe('No problem — ask any time.');
    expect(smallTalkReply('unclear')).toMatch(/rephrase/);
  });

  it('invites the question', () => {
    expect(smallTalkReply('acknowledgement')).toBe('OK. What would you like to know?');
    expect(smallTalkReply('help')).toBe('Happy to help. What would you like to know?');
  });
});
