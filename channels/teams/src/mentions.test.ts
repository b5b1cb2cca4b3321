import { describe, expect, it } from 'vitest';
import type { TeamsActivity } from './activity-schema';
import { fromBot, mentionsRecipient, questionFromTeamsText } from './mentions';

const bot = { id: '28:clara', name: 'Clara' };
const activity = (over: Partial<TeamsActivity>): TeamsActivity => ({
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/',
  from: { id: '29:ada', name: 'Ada' },
  recipient: bot,
  conversation: { id: '19:x@thread.tacv2', conversationType: 'channel' },
  ...over,
});

describe('Teams mentions', () => {
  it('strips the bot mention by the entity text, or by <at>name</at> when the text is missing', () => {
    const withText = activity({
      text: '<at>Clara</at> What are your hours?',
      entities: [{ type: 'mention', text: '<at>Clara</at>', mentioned: bot }],
    });
    expect(questionFromTeamsText(withText)).toBe('What are your hours?');
    const withoutText = activity({
      text: '<at>Clara</at>&nbsp;What are your hours?',
      entities: [{ type: 'mention', mentioned: bot }],
    });
    expect(mentionsRecipient(withoutText)).toBe(true);
    expect(questionFromTeamsText(withoutText)).toBe('What are your hours?');
  });

  it('keeps other people’s mentions as names and sees when the bot is not mentioned', () => {
    const other = activity({
      text: '<at>Grace</at> lunch?',
      entities: [{ type: 'mention', text: '<at>Grace</at>', mentioned: { id: '29:grace', name: 'Grace' } }],
    });
    expect(mentionsRecipient(other)).toBe(false);
    expect(questionFromTeamsText(other)).toBe('Grace lunch?');
  });

  it('knows bots by role or by a 28: id', () => {
    expect(fromBot(activity({ from: { id: '28:other', name: 'Polly' } }))).toBe(true);
    expect(fromBot(activity({ from: { id: 'x', role: 'bot' } }))).toBe(true);
    expect(fromBot(activity({}))).toBe(false);
  });
});
