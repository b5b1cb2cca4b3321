import {
  confidenceOf,
  createLocalEmbedder,
  embedPairs,
  type QaMatch,
  rankMatches,
  searchCount,
  searchThreshold,
} from '@clara/core';
import { describe, expect, it } from 'vitest';
import { demoQaPairs } from './demo-kb';

const defaultThreshold = 0.78;
const embedder = createLocalEmbedder();
/** Stored as the import path stores them: question + answer. */
const kbVectors = embedPairs(embedder, demoQaPairs);

/** The engine's view of one question: pairs above the search threshold, re-ranked, best 5, and the confidence. */
async function ask(question: string): Promise<{ top: QaMatch | undefined; confidence: number }> {
  const [q] = await embedder.embed([question]);
  const kb = await kbVectors;
  const matches = demoQaPairs
    .map((p, i) => {
      const v = kb[i] as Float32Array;
      let similarity = 0;
      (q as Float32Array).forEach((x, d) => {
        similarity += x * (v[d] ?? 0);
      });
      return { id: String(i), ...p, similarity };
    })
    .sort((a, b) => b.similarity - a.similarity);
  const ranked = rankMatches(matches, question, searchThreshold);
  return { top: ranked.slice(0, searchCount)[0], confidence: confidenceOf(ranked) };
}

/** Natural paraphrases of demo questions (not tuned on: written once, the count is reported). */
const paraphrases: [string, string][] = [
  ['when are you open?', 'What are your opening hours?'],
  ['how much for a tune up', 'How much is a basic tune-up?'],
  ['where are you located?', 'Where is the shop?'],
  ['can I rent an electric bike?', 'Do you rent e-bikes?'],
  ['do you take credit cards?', 'Which payment methods do you accept?'],
  ['how long will my repair take?', 'How long does a repair take?'],
  ['do you fix e-bikes?', 'Do you repair electric bikes?'],
  ['is there a student discount?', 'Do you offer discounts for students?'],
  ['can you pick up my bike from my house?', 'Can you collect my bike from home?'],
  ['do you buy or sell used bikes?', 'Do you sell second-hand bikes?'],
];

describe('the demo knowledge base with the local embedder and the default threshold', () => {
  it('answers every demo question asked verbatim with its own pair', async () => {
    for (const pair of demoQaPairs) {
      const { top, confidence } = await ask(pair.question);
      expect(top?.question).toBe(pair.question);
      expect(confidence).toBeGreaterThanOrEqual(defaultThreshold);
    }
  });

  it('answers some natural paraphrases with the right pair and never answers them with a wrong one', async () => {
    let answered = 0;
    let rightTop = 0;
    for (const [question, expected] of paraphrases) {
      const { top, confidence } = await ask(question);
      if (top?.question === expected) rightTop++;
      if (confidence < defaultThreshold) continue;
      expect(top?.question, question).toBe(expected);
      answered++;
    }
    // Measured with clara-local-v3 and word-alignment re-ranking: 5 answered, 6 of 10 with the right
    // top pair (without re-ranking: 3 and 6; v2, questions only: 2 and 6). See bench/retrieval/README.md
    // ("Demo knowledge base").
    expect(answered).toBeGreaterThanOrEqual(5);
    expect(rightTop).toBeGreaterThanOrEqual(6);
  });

  it('does not answer questions the demo knowledge base does not cover', async () => {
    for (const question of ['Do you sell gift cards?', 'What is the weather like today?']) {
      expect((await ask(question)).confidence).toBeLessThan(0.5);
    }
    // "bitcoin" is in no pair, "pay" only in the payment pair: answered with the methods the
    // shop accepts (bitcoin not among them), the judgement call of an unlisted option.
    const { top, confidence } = await ask('Can I pay in bitcoin?');
    if (confidence >= defaultThreshold) expect(top?.question).toBe('Which payment methods do you accept?');
  });
});
