import { describe, expect, it } from 'vitest';
import { createHashingEmbedder } from './hashing-embedder';
import { createLocalEmbedder } from './local-embedder';
import { embedPairs, mixPairVector } from './pair-embedding';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('embedPairs', () => {
  const embedder = createLocalEmbedder();

  it('gives one unit vector per pair, deterministically, in order', async () => {
    const pairs = [
      { question: 'Where is the shop?', answer: 'At 14 Canal Street.' },
      { question: 'Which payment methods do you accept?', answer: 'Cash and all major credit cards.' },
    ];
    const [a, b] = await embedPairs(embedder, pairs);
    const [again] = await embedPairs(embedder, pairs.slice(0, 1));
    expect(a).toEqual(again);
    expect(dot(a as Float32Array, a as Float32Array)).toBeCloseTo(1, 5);
    expect(dot(b as Float32Array, b as Float32Array)).toBeCloseTo(1, 5);
  });

  it('keeps the question vector when there is no answer', async () => {
    const [pair] = await embedPairs(embedder, [{ question: 'Where is the shop?', answer: '  ' }]);
    const [question] = await embedder.embed(['Where is the shop?']);
    expect(pair).toEqual(question);
  });

  it('lets the answer words match a paraphrase the question alone misses', async () => {
    const pair = {
      question: 'Which payment methods do you accept?',
      answer: 'We accept cash, all major debit and credit cards, Apple Pay and Google Pay.',
    };
    const [mixed] = await embedPairs(embedder, [pair]);
    const [query, questionOnly] = await embedder.embed(['do you take credit cards?', pair.question]);
    expect(dot(query as Float32Array, mixed as Float32Array)).toBeGreaterThan(
      dot(query as Float32Array, questionOnly as Float32Array),
    );
  });

  it('works with any embedder (the mix is normalised)', async () => {
    const [v] = await embedPairs(createHashingEmbedder(), [{ question: 'Hours?', answer: 'Nine to five.' }]);
    expect(dot(v as Float32Array, v as Float32Array)).toBeCloseTo(1, 5);
    expect(mixPairVector(new Float32Array([1, 0]), new Float32Array([0, 1]), 1)[0]).toBeCloseTo(Math.SQRT1_2);
  });
});
