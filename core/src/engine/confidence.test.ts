import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../embedding/local-embedder';
import { embedPairs } from '../embedding/pair-embedding';
import type { QaMatch } from '../schemas/qa-pair';
import { confidenceFeatures } from './calibration-features';
import { localCalibration } from './calibration-model';
import { calibratedProbability, confidenceOf, isGap, searchThreshold } from './confidence';
import { rankMatches } from './rerank';

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
      const c = confidenceOf(
        [match(s, 'a'), match(0.4, 'b'), match(0.39, 'c')],
        'how do I reset my password',
      );
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
    let p = -1;
    for (let top = 0; top <= 1.0001; top += 0.02) {
      const c = calibratedProbability({ top, margin: 0.05, overlap: 0.5, align: 0.5 });
      expect(c).toBeGreaterThanOrEqual(p);
      p = c;
    }
  });

  it('has positive weights on similarity, margin and word alignment', () => {
    expect(localCalibration.weights.top).toBeGreaterThan(0);
    expect(localCalibration.weights.margin).toBeGreaterThan(0);
    expect(localCalibration.weights.align).toBeGreaterThan(0);
  });

  it('is higher for a clear winner than for a near tie between different answers', () => {
    const clear = confidenceOf([match(0.8, 'a'), match(0.78, 'a'), match(0.5, 'b')], 'reset my password');
    const tie = confidenceOf([match(0.8, 'a'), match(0.79, 'b'), match(0.78, 'c')], 'reset my password');
    expect(clear).toBeGreaterThan(tie);
  });

  it('measures the margin to the next different answer, or to the search threshold when none is listed', () => {
    const f = confidenceFeatures([match(0.9, 'A'), match(0.85, ' a '), match(0.7, 'b')], 'reset password');
    expect(f.margin).toBeCloseTo(0.2);
    expect(f.overlap).toBe(1);
    expect(confidenceFeatures([match(0.9, 'a')]).margin).toBeCloseTo(0.4);
    expect(confidenceFeatures([match(0.9, 'a'), match(0.88, 'a')]).margin).toBeCloseTo(0.4);
  });

  it('does not depend on how many phrasings of the top answer are listed', () => {
    const one = confidenceOf([match(0.8, 'a'), match(0.6, 'b')], 'reset my password');
    const many = confidenceOf(
      [match(0.8, 'a'), match(0.79, 'a'), match(0.78, 'a'), match(0.77, 'a'), match(0.6, 'b')],
      'reset my password',
    );
    expect(many).toBeCloseTo(one, 10);
  });
});

describe('confidenceOf with the local embedder (a one-question-per-answer knowledge base)', () => {
  const embedder = createLocalEmbedder();
  const kb = [
    { question: 'What are your opening hours?', answer: 'We are open 9 to 5, Monday to Friday.' },
    { question: 'How much does shipping cost?', answer: 'Shipping is free over $50, otherwise $5.' },
    { question: 'Can I return an item?', answer: 'Returns are accepted within 30 days.' },
    { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.' },
  ];
  /** What the engine hands to confidenceOf: pairs (stored as question + answer) above the search threshold, re-ranked. */
  const stored = embedPairs(embedder, kb);
  async function ask(question: string): Promise<number> {
    const [q] = (await embedder.embed([question])) as [Float32Array];
    const vectors = await stored;
    const candidates = kb
      .map((p, i) => ({
        id: String(i),
        category: 'general',
        ...p,
        similarity: q.reduce((s, x, d) => s + x * ((vectors[i] as Float32Array)[d] ?? 0), 0),
      }))
      .sort((a, b) => b.similarity - a.similarity);
    return confidenceOf(rankMatches(candidates, question, searchThreshold), question);
  }

  it('is at least 0.9 for a knowledge-base question asked verbatim', async () => {
    for (const pair of kb) expect(await ask(pair.question)).toBeGreaterThanOrEqual(0.9);
  });

  it('is at least 0.9 for a verbatim question with a single listed match', () => {
    expect(confidenceOf([match(1, 'a')], 'How do I reset my password?')).toBeGreaterThanOrEqual(0.9);
    expect(confidenceOf([match(0.999, 'a')])).toBeGreaterThanOrEqual(0.9);
  });

  it('is below 0.5 for an unrelated question', async () => {
    expect(await ask('Do you sell gift cards for birthdays?')).toBeLessThan(0.5);
    expect(await ask('What is the capital of Mongolia?')).toBeLessThan(0.5);
  });
});

describe('isGap', () => {
  it('is a gap strictly below the threshold', () => {
    expect(isGap(0.77, 0.78)).toBe(true);
    expect(isGap(0.78, 0.78)).toBe(false);
  });
});
