import { describe, expect, it } from 'vitest';
import { replyIdFor } from './reply-id';

describe('replyIdFor', () => {
  it('is a deterministic v5-style UUID distinct from the user message id', () => {
    const id = '3f0e8a52-4a8b-4c8e-9a55-0c3a2c8f1b7d';
    expect(replyIdFor(id)).toBe(replyIdFor(id.toUpperCase()));
    expect(replyIdFor(id)).not.toBe(id);
    expect(replyIdFor(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(replyIdFor('3f0e8a52-4a8b-4c8e-9a55-0c3a2c8f1b7e')).not.toBe(replyIdFor(id));
  });
});
