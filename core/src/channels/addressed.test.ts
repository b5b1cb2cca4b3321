import { describe, expect, it } from 'vitest';
import { type IncomingChannelMessage, isAddressedToClara } from './addressed';
import { smallTalkOf } from './small-talk';

const base: IncomingChannelMessage = {
  fromBot: false,
  system: false,
  edit: false,
  direct: false,
  mentionsClara: false,
};

describe('isAddressedToClara', () => {
  it('answers DMs and mentions', () => {
    expect(isAddressedToClara({ ...base, direct: true })).toEqual({ addressed: true, reason: 'direct' });
    expect(isAddressedToClara({ ...base, mentionsClara: true }).reason).toBe('mention');
  });

  it('never answers bots, system notices or edits, even in a DM or with a mention', () => {
    expect(isAddressedToClara({ ...base, direct: true, fromBot: true }).reason).toBe('bot');
    expect(isAddressedToClara({ ...base, direct: true, system: true }).reason).toBe('system');
    expect(isAddressedToClara({ ...base, mentionsClara: true, edit: true }).reason).toBe('edit');
  });

  it('follows up in a Clara thread with the asker until someone else joins', () => {
    const follow = { ...base, thread: { claraAnswered: true, othersJoined: false } };
    expect(isAddressedToClara(follow)).toEqual({ addressed: true, reason: 'follow_up' });
    const joined = { ...base, thread: { claraAnswered: true, othersJoined: true } };
    expect(isAddressedToClara(joined)).toEqual({ addressed: false, reason: 'others_joined' });
    expect(isAddressedToClara({ ...joined, mentionsClara: true }).addressed).toBe(true);
    expect(isAddressedToClara({ ...follow, mentionsOthers: true }).addressed).toBe(false);
    const other = { ...base, thread: { claraAnswered: false, othersJoined: false } };
    expect(isAddressedToClara(other).reason).toBe('not_addressed');
    expect(isAddressedToClara(base).reason).toBe('not_addressed');
  });
});

describe('smallTalkOf', () => {
  it('recognises bare greetings and thanks only', () => {
    expect(smallTalkOf('Hi!')).toBe('greeting');
    expect(smallTalkOf('hello Clara 👋')).toBe('greeting');
    expect(smallTalkOf('Thanks 🙏')).toBe('thanks');
    expect(smallTalkOf('thank you, Clara!')).toBe('thanks');
    expect(smallTalkOf('hi, what are your opening hours?')).toBeNull();
    expect(smallTalkOf('thanks, and how much is shipping?')).toBeNull();
    expect(smallTalkOf('')).toBeNull();
  });
});
