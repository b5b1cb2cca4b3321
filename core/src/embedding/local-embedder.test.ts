import { describe, expect, it } from 'vitest';
import { createLocalEmbedder, localEmbedderId } from './local-embedder';

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const norm = (a: Float32Array) => Math.sqrt(cos(a, a));

describe('createLocalEmbedder', () => {
  const embedder = createLocalEmbedder();

  it('has a versioned id and 1536 dimensions', async () => {
    expect(embedder.id).toBe(localEmbedderId);
    expect(embedder.id).toMatch(/-v\d+$/);
    const [v] = await embedder.embed(['How do I reset my password?']);
    expect(v).toBeInstanceOf(Float32Array);
    expect(v?.length).toBe(1536);
  });

  it('is deterministic across calls and instances', async () => {
    const text = 'Where is my card? It still has not arrived.';
    const [a] = await embedder.embed([text]);
    const [b] = await createLocalEmbedder().embed([text]);
    expect(Array.from(a ?? [])).toEqual(Array.from(b ?? []));
  });

  it('returns unit vectors (and a zero vector for empty text)', async () => {
    const [a, b, empty] = await embedder.embed([
      'What does the premium plan cost?',
      'xqzv unknownword',
      '  ',
    ]);
    expect(norm(a as Float32Array)).toBeCloseTo(1, 5);
    expect(norm(b as Float32Array)).toBeCloseTo(1, 5);
    expect(norm(empty as Float32Array)).toBe(0);
  });

  it('puts a paraphrase closer than unrelated text', async () => {
    const [q, para, other] = await embedder.embed([
      'How much does the pro plan cost per month?',
      'What is the monthly price of the pro subscription?',
      'Can I change the colour of the chat widget?',
    ]);
    expect(cos(q as Float32Array, para as Float32Array)).toBeGreaterThan(
      cos(q as Float32Array, other as Float32Array) + 0.1,
    );
  });

  it('relates synonyms through the word vectors', async () => {
    const [q, syn, other] = await embedder.embed([
      'my card was stolen',
      'someone took my card',
      'my card arrived today',
    ]);
    expect(cos(q as Float32Array, syn as Float32Array)).toBeGreaterThan(0.2);
    expect(cos(q as Float32Array, other as Float32Array)).toBeLessThan(1);
  });
});
