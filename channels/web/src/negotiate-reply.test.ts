import { describe, expect, it } from 'vitest';
import { negotiateReply } from './negotiate-reply';

describe('negotiateReply', () => {
  it('picks the higher q-value, the first listed on a tie, JSON for an empty header or */*', () => {
    expect(negotiateReply('text/event-stream;q=0.1, application/json;q=0.9')).toBe('json');
    expect(negotiateReply('text/event-stream; q=0.9, application/json; q=0.1')).toBe('sse');
    expect(negotiateReply('application/*;q=0.3, text/*;q=0.4')).toBe('sse');
    expect(negotiateReply('text/event-stream, application/json')).toBe('sse');
    expect(negotiateReply('')).toBe('json');
    expect(negotiateReply('*/*')).toBe('json');
  });

  it('a more specific range wins over a wider one, whatever their order', () => {
    expect(negotiateReply('*/*, text/event-stream;q=0')).toBe('json');
    expect(negotiateReply('text/*;q=0.1, text/event-stream;q=0.8, application/json;q=0.5')).toBe('sse');
  });

  it('is 406 when neither is acceptable; a malformed q counts as 0', () => {
    expect(() => negotiateReply('text/html')).toThrow(/Accept application\/json/);
    expect(() => negotiateReply('application/json;q=0')).toThrow(/Accept/);
    expect(negotiateReply('text/event-stream;q=abc, application/json;q=0.1')).toBe('json');
  });
});
