import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../embedding/local-embedder';
import type { SearchOptions } from '../ports';
import type { QaMatch } from '../schemas/qa-pair';
import { mentionsKnowledge } from './mentions-knowledge';

const pairs = [
  {
    id: 'flea',
    question: 'Which flea treatment do you use?',
    answer: 'We recommend Bravecto, given every 12 weeks.',
  },
  { id: 'hours', question: 'What are your opening hours?', answer: 'We are open 8 to 7 on weekdays.' },
  { id: 'book', question: 'How do I book an appointment?', answer: 'Call us or book online.' },
];

/** A workspace's pairs searched by cosine over the real built-in embedder, as the store does. */
async function knowledgeBase() {
  const embedder = createLocalEmbedder();
  const vectors = await embedder.embed(pairs.map((p) => `${p.question}\n${p.answer}`));
  const search = async (_ws: string, query: Float32Array, options: SearchOptions): Promise<QaMatch[]> =>
    pairs
      .map((p, i) => {
        const v = vectors[i] as Float32Array;
        let s = 0;
        for (let d = 0; d < v.length; d++) s += (v[d] as number) * (query[d] as number);
        return { ...p, category: 'general', similarity: s };
      })
      .filter((m) => m.similarity > options.threshold)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, options.count);
  return { store: { search }, embedder };
}

describe('mentionsKnowledge', () => {
  it('finds a word the vocabulary does not know in a pair that holds it, any spelling alike', async () => {
    const deps = await knowledgeBase();
    expect(await mentionsKnowledge(deps, 'ws', 'bravecto')).toBe(true);
    expect(await mentionsKnowledge(deps, 'ws', 'Bravecto?')).toBe(true);
    expect(await mentionsKnowledge(deps, 'ws', 'apointment')).toBe(true);
  });

  it('is false for keyboard mash and for a message with no word to look up', async () => {
    const deps = await knowledgeBase();
    expect(await mentionsKnowledge(deps, 'ws', 'asdfgh')).toBe(false);
    expect(await mentionsKnowledge(deps, 'ws', 'qwerty uiop')).toBe(false);
    expect(await mentionsKnowledge(deps, 'ws', '???')).toBe(false);
  });
});
