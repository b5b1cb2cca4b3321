import { describe, expect, it } from 'vitest';
import { rowLabel } from './row-label';

describe('rowLabel', () => {
  it('names the action and the row', () => {
    expect(rowLabel('Edit', 'What are your opening hours?')).toBe('Edit “What are your opening hours?”');
  });

  it('shortens a long subject', () => {
    const label = rowLabel('Delete', 'x'.repeat(300));
    expect(label.length).toBeLessThan(130);
    expect(label).toMatch(/^Delete “x+…”$/);
  });
});
