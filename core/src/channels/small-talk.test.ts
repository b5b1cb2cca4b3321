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

  it('invites the question', () => {
    expect(smallTalkReply('acknowledgement')).toBe('OK. What would you like to know?');
    expect(smallTalkReply('help')).toBe('Happy to help. What would you like to know?');
  });
});
