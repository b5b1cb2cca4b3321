import { describe, expect, it } from 'vitest';
import type { QaMatch } from '../schemas/qa-pair';
import { confidenceFeatures } from './calibration-features';
import { localCalibration } from './calibration-model';
import { calibratedProbability, confidenceOf, isGap } from './confidence';

const match = (similarity: number, answer: string, question = 'How do I reset my password?'): QaMatch => ({
  id: `${answer}-${similarity}`,
  question,
  answer,
  category: 'general',
  similarity,
});

describe('confidenceOf', () => {
  it('is 0 without matches and always within [0, 1]', () => {
    expect(confidenceOf([])).toBe(0);
    for (const s of [-1, 0, 0.3, 0.6, 0.9, 1, 2]) {
      const c = confidenceOf([match(s, 'a'), match(s / 2, 'b')], 'reset password');
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it('is monotone non-decreasing in the top similarity', () => {
    let previous = -1;
    for (let s = 0.4; s <= 1.0001; s += 0.01) {
      const c = confidenceOf([match(s, 'a'), match(0.4, 'b'), match(0.39, 'c')], 'how do I reset my password');
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
    let p = -1;
    for (let top = 0; top <= 1.0001; top += 0.02) {
      const c = calibratedProbability({ top, margin: 0.05, support: 0.4, overlap: 0.5 });
      expect(c).toBeGreaterThanOrEqual(p);
      p = c;
    }
  });

  it('has non-negative weights on similarity and margin', () => {
    expect(localCalibration.weights.top).toBeGreaterThanOrEqual(0);
    expect(localCalibration.weights.margin).toBeGreaterThanOrEqual(0);
  });

  it('is higher for a clear winner than for a near tie between different answers', () => {
    const clear = confidenceOf([match(0.8, 'a'), match(0.78, 'a'), match(0.5, 'b')], 'reset my password');
    const tie = confidenceOf([match(0.8, 'a'), match(0.79, 'b'), match(0.78, 'c')], 'reset my password');
    expect(clear).toBeGreaterThan(tie);
  });

  it('measures the margin to the next different answer', () => {
    const f = confidenceFeatures([match(0.9, 'A'), match(0.85, ' a '), match(0.7, 'b')], 'reset password');
    expect(f.margin).toBeCloseTo(0.2);
    expect(f.support).toBeCloseTo(2 / 5);
    expect(f.overlap).toBe(1);
  });
});

describe('isGap', () => {
  it('is a gap strictly below the threshold', () => {
    expect(isGap(0.77, 0.78)).toBe(true);
    expect(isGap(0.78, 0.78)).toBe(false);
  });
});
