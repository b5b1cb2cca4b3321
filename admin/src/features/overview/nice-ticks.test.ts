import { describe, expect, it } from 'vitest';
import { niceTicks } from './nice-ticks';

describe('niceTicks', () => {
  it('gives round steps that reach the maximum', () => {
    expect(niceTicks(25)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(33)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(13)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(180)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(1000)).toEqual([0, 500, 1000]);
  });
});
