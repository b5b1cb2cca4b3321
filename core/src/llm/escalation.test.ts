import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../schemas/chat-message';
import { consecutiveGaps, decideEscalation, detectEscalationRequest } from './escalation';
import { readBanking77Texts } from './testing/banking77';

const settings = { escalation_enabled: true, booking_url: 'https://cal.example.com/acme' };
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const user = (content: string): ChatMessage => ({ message_id: id(), role: 'user', content, timestamp: '' });
const bot = (gap: boolean, offered = false): ChatMessage => ({
  message_id: id(),
  role: 'assistant',
  content: '…',
  timestamp: '',
  gap_detected: gap,
  escalation_offered: offered,
});

describe('detectEscalationRequest', () => {
  it.each([
    ['can I talk to someone?', 'human'],
    ['Can I speak to a human please', 'human'],
    ['speak to a human', 'human'],
    ["I'd like to chat with your sales team", 'human'],
    ['Is there a real person I can ask?', 'human'],
    ['put me through to an agent', 'human'],
    ['I want a human', 'human'],
    ['human please', 'human'],
    ['Human!', 'human'],
    ['can I get a real person?', 'human'],
    ['I need a real human', 'human'],
    ['I need an agent', 'human'],
    ['operator', 'human'],
    ['Can I get an operator please', 'human'],
    ['I would like a representative', 'human'],
    ['customer service please', 'human'],
    ['I need to talk to customer service', 'human'],
    ['I need someone to talk to', 'human'],
    ['is there somebody I can speak with?', 'human'],
    ['anyone I could chat to about grooming?', 'human'],
    ['Can I speak to a member of staff?', 'human'],
    ['is there a member of staff here', 'human'],
    ['Can I speak to the owner?', 'human'],
    ['I want to talk to the manager', 'human'],
    ['can I talk to you guys', 'human'],
    ['please call me back', 'call'],
    ['Can I call?', 'call'],
    ['can I call you tomorrow', 'call'],
    ['can I phone someone', 'call'],
    ["I'd like to book a call", 'call'],
    ['Can we schedule a meeting next week?', 'call'],
    ['could you call me tomorrow', 'call'],
    ['I want a quick call with you', 'call'],
    ['Can I set up a consultation?', 'call'],
    ['schedule a demo', 'demo'],
    ['Do you offer a demo of the product?', 'demo'],
    ['How do I get a quote?', 'quote'],
    ['Could you send me a quotation for 3 developers', 'quote'],
    ['I need an estimate for my project', 'quote'],
  ])('%j → %s', (message, reason) => {
    expect(detectEscalationRequest(message)).toBe(reason);
  });

  it.each([
    'What are your prices?',
    'How long does onboarding take?',
    'Do you work with startups?',
    'Can someone assist me with my card?',
    'Someone stole my card!',
    'Who are your developers?',
    'The hotel called and said I left my phone in the room.',
    'do you have human-grade dog food',
    'Do dogs need human food?',
    'is the owner allowed to stay',
    'Can the owner stay during the groom?',
    'can someone pick up my dog',
    'Can somebody walk my dog after the groom?',
    'Is a person needed to hold the dog?',
    'My dog is scared of the manager’s cat',
    'Can I call my dog Max on the booking form?',
    'Do you have a real leather collar?',
    'Do you do customer service training?',
  ])('stays quiet on %j', (message) => {
    expect(detectEscalationRequest(message)).toBeNull();
  });

  it('fires on under 1% of BANKING77 test questions', () => {
    const texts = readBanking77Texts();
    expect(texts.length).toBeGreaterThan(3000);
    const fired = texts.filter((t) => detectEscalationRequest(t) !== null);
    // Measured: 0 of 3,080 when written.
    expect(fired.length / texts.length).toBeLessThan(0.01);
  });
});

describe('decideEscalation', () => {
  it('offers the booking link on an explicit ask', () => {
    expect(
      decideEscalation({ settings, message: 'can I talk to someone?', history: [], currentGap: false }),
    ).toEqual({
      offer: true,
      reason: 'human',
    });
  });

  it('offers it on the second unanswered question in a row, once per streak', () => {
    const one = [user('a?'), bot(true)];
    expect(decideEscalation({ settings, message: 'b?', history: [], currentGap: true }).offer).toBe(false);
    expect(decideEscalation({ settings, message: 'b?', history: one, currentGap: true })).toEqual({
      offer: true,
      reason: 'repeated_gaps',
    });
    const offered = [...one, user('b?'), bot(true, true)];
    expect(decideEscalation({ settings, message: 'c?', history: offered, currentGap: true }).offer).toBe(
      false,
    );
    const answeredBetween = [user('a?'), bot(true), user('b?'), bot(false)];
    expect(
      decideEscalation({ settings, message: 'c?', history: answeredBetween, currentGap: true }).offer,
    ).toBe(false);
  });

  it('never offers without escalation_enabled and a booking_url', () => {
    const message = "I'd like to book a call";
    const off = decideEscalation({
      settings: { ...settings, escalation_enabled: false },
      message,
      history: [],
      currentGap: false,
    });
    expect(off).toEqual({ offer: false, reason: 'call' });
    const noUrl = decideEscalation({
      settings: { ...settings, booking_url: null },
      message,
      history: [],
      currentGap: false,
    });
    expect(noUrl.offer).toBe(false);
  });

  it('counts trailing gaps across user messages', () => {
    expect(consecutiveGaps([bot(false), user('x'), bot(true), user('y'), bot(true), user('z')])).toBe(2);
    expect(consecutiveGaps([])).toBe(0);
  });
});
