import { describe, expect, it } from 'vitest';
import { threadTitleOf } from './assistant-thread';

describe('threadTitleOf', () => {
  it('keeps a short question as it is, on one line', () => {
    expect(threadTitleOf('  How much does\nshipping cost? ')).toBe('How much does shipping cost?');
  });

  it('cuts a long question to 80 characters with an ellipsis', () => {
    const title = threadTitleOf(`Can I ${'really '.repeat(30)}return it?`);
    expect(title).toHaveLength(80);
    expect(title.endsWith('…')).toBe(true);
  });
});
