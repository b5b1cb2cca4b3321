import { describe, expect, it } from 'vitest';
import { chatMessageSchema } from './chat-message';
import { chatRequestSchema, feedbackRequestSchema, maxMessageLength } from './chat-request';

const id = () => crypto.randomUUID();
const request = (over: Record<string, unknown> = {}) => ({
  workspace_id: id(),
  session_token: id(),
  message_id: id(),
  message: '  When are you open?  ',
  ...over,
});

describe('chatRequestSchema', () => {
  it('accepts a message and trims it', () => {
    const parsed = chatRequestSchema.parse(request({ visitor: { name: ' Ana ', email: 'ana@example.com' } }));
    expect(parsed.message).toBe('When are you open?');
    expect(parsed.visitor).toEqual({ name: 'Ana', email: 'ana@example.com' });
  });

  it.each([
    [{ workspace_id: 'nope' }, 'workspace_id must be a UUID'],
    [{ message: '   ' }, 'message is empty'],
    [{ message: 'x'.repeat(maxMessageLength + 1) }, `message is over ${maxMessageLength} characters`],
    [{ message: 'a\u0000b' }, 'message holds a character that cannot be stored (NUL or a lone surrogate)'],
    [{ message: 42 }, 'message must be a string'],
    [{ visitor: { email: 'not-an-email' } }, 'visitor.email is not an email address'],
  ])('refuses %j with a message naming the field', (over, message) => {
    const result = chatRequestSchema.safeParse(request(over));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('says what a body that is not an object is', () => {
    expect(chatRequestSchema.safeParse([]).error?.issues[0]?.message).toBe('the body must be a JSON object');
  });
});

describe('feedbackRequestSchema', () => {
  it('takes up or down only', () => {
    const base = { workspace_id: id(), session_token: id(), message_id: id() };
    expect(feedbackRequestSchema.safeParse({ ...base, rating: 'up' }).success).toBe(true);
    expect(feedbackRequestSchema.safeParse({ ...base, rating: 'meh' }).error?.issues[0]?.message).toBe(
      'rating must be "up" or "down"',
    );
  });
});

describe('chatMessageSchema', () => {
  it('reads an assistant reply with its reply_kind', () => {
    const message = {
      message_id: id(),
      role: 'assistant',
      content: 'Did you mean one of these questions?',
      timestamp: new Date().toISOString(),
      suggestion_chips: ['When are you open?'],
      reply_kind: 'clarify',
    };
    expect(chatMessageSchema.parse(message)).toEqual(message);
    expect(chatMessageSchema.safeParse({ ...message, reply_kind: 'maybe' }).success).toBe(false);
  });
});
