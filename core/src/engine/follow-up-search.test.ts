import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../schemas/chat-message';
import { followUpSearch, leansOnContext } from './follow-up-search';

const now = new Date('2026-12-08T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const user = (content: string, ago = 1): ChatMessage => ({
  message_id: `u-${content}`,
  role: 'user',
  content,
  timestamp: minutesAgo(ago),
});
const assistant = (ago = 1, content = 'Yes.'): ChatMessage => ({
  message_id: `a-${ago}`,
  role: 'assistant',
  content,
  timestamp: minutesAgo(ago),
  suggestion_chips: [],
  gap_detected: false,
  matched_qa_ids: [],
  confidence: 0.9,
  escalation_offered: false,
  reply_kind: 'answer',
});
const workshops = [user('Do you run workshops?', 2), assistant(2)];

describe('leansOnContext', () => {
  it.each([
    'how much is it?',
    'what about saturdays?',
    'and for cats?',
    'is that refundable?',
    'how long does it take?',
  ])('%j leans on what was asked before', (message) => expect(leansOnContext(message)).toBe(true));
  it.each([
    'how much is a dozen roses?',
    'Do you deliver on Sundays?',
    'is it possible to pay by card for a wedding order?',
    'is it open on saturdays?', // two topic words of its own: "it" is the business
    '',
  ])('%j says what it is about', (message) => expect(leansOnContext(message)).toBe(false));
});

describe('followUpSearch', () => {
  it('folds the topic words of the previous question into a follow-up', () =>
    expect(followUpSearch('how much is it?', workshops, now)).toBe('how much is it? run workshops'));

  it('keeps the words its answer repeats: the topic', () =>
    expect(
      followUpSearch(
        'how much is it?',
        [user('Do you run workshops?', 2), assistant(2, 'Yes, wreath-making workshops monthly.')],
        now,
      ),
    ).toBe('how much is it? workshops'));

  it('leaves a self-contained question alone', () =>
    expect(followUpSearch('how much is a dozen roses?', workshops, now)).toBeNull());

  it('follows earlier follow-ups back to the question they lean on', () =>
    expect(
      followUpSearch('is that refundable?', [...workshops, user('how much is it?', 1), assistant(1)], now),
    ).toBe('is that refundable? run workshops'));

  it('ignores a question older than thirty minutes', () =>
    expect(
      followUpSearch('how much is it?', [user('Do you run workshops?', 31), assistant(31)], now),
    ).toBeNull());

  it('needs a previous question with a topic', () => {
    expect(followUpSearch('how much is it?', [], now)).toBeNull();
    expect(followUpSearch('how much is it?', [user('hi', 1), assistant(1)], now)).toBeNull();
  });
});
