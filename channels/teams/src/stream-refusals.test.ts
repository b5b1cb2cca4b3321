import { describe, expect, it } from 'vitest';
import { createStreamRefusals } from './stream-refusals';

describe('createStreamRefusals', () => {
  it('skips a refused key for the time to live, then allows it again; bounded in size', () => {
    let t = 0;
    const refusals = createStreamRefusals(1_000, () => t, 2);
    expect(refusals.allows('tenant-a:bot')).toBe(true);
    refusals.refused('tenant-a:bot');
    expect(refusals.allows('tenant-a:bot')).toBe(false);
    expect(refusals.allows('tenant-b:bot')).toBe(true);
    t = 999;
    expect(refusals.allows('tenant-a:bot')).toBe(false);
    t = 1_000;
    expect(refusals.allows('tenant-a:bot')).toBe(true);
    refusals.refused('a');
    refusals.refused('b');
    refusals.refused('c');
    // The oldest refusal went first.
    expect([refusals.allows('a'), refusals.allows('b'), refusals.allows('c')]).toEqual([true, false, false]);
  });
});
