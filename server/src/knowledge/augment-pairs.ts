import { type Embedder, embedPairs, type LanguageModel, type LlmUsageMeter, storableText } from '@clara/core';
import {
  activeQuestions,
  type Database,
  insertQaPairs,
  markAugmented,
  pairsToAugment,
} from '@clara/supabase';

/** At most this many alternative phrasings are written per pair. */
export const maxPhrasings = 5;

// USD per million tokens (input, output), the providers' 2025 list prices (README: What changes with a key).
const listPrices: Record<string, [number, number]> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1': [2, 8],
  'claude-haiku-4-5-20251001': [1, 5],
  'claude-sonnet-4-20250514': [3, 15],
};
// The instructions (~120 tokens) plus the pair; five phrasings of ~15 tokens back.
const promptTokens = 120;
const outputTokens = maxPhrasings * 15;
const tokens = (text: string) => Math.ceil(text.length / 4);

const system = `You help a business make its FAQ easier to find. Given one question and its answer, write up to ${maxPhrasings} other ways a customer might ask the same question: the same meaning, different words (everyday words, shorter and longer, as typed into a chat). Only questions the answer fully answers. One per line, no numbering, nothing else.`;

/** What augmenting would cost, shown before it runs. */
export interface AugmentationEstimate {
  pairs: number;
  /** One model call per pair, each counted against the workspace's daily cap. */
  calls: number;
  input_tokens: number;
  output_tokens: number;
  /** At the model's list price; null for a model without a known price. */
  usd: number | null;
}

/** The cost of writing phrasings for these pairs with `model`. */
export function estimateAugmentation(
  pairs: readonly { question: string; answer: string }[],
  model: string,
): AugmentationEstimate {
  const input = pairs.reduce((n, p) => n + promptTokens + tokens(p.question) + tokens(p.answer), 0);
  const output = pairs.length * outputTokens;
  const price = listPrices[model];
  const usd = price ? Number(((input * price[0] + output * price[1]) / 1e6).toFixed(6)) : null;
  return { pairs: pairs.length, calls: pairs.length, input_tokens: input, output_tokens: output, usd };
}

/**
 * Lines of the model's text that are usable phrasings: bullets and numbers removed, new, at most
 * five, without characters Postgres cannot store (NUL, lone surrogates: one such line must not
 * fail the batch).
 */
export function parsePhrasings(text: string, taken: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set(taken);
  for (const raw of storableText(text).split('\n')) {
    const line = raw
      .replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '')
      .replace(/^["“]|["”]$/g, '')
      .trim();
    const key = line.toLowerCase();
    if (line.length < 3 || line.length > 300 || seen.has(key)) continue;
    seen.add(key);
    out.push(line);
    if (out.length === maxPhrasings) break;
  }
  return out;
}

export interface AugmentInput {
  db: Database;
  embedder: Embedder;
  model: LanguageModel;
  usage: LlmUsageMeter;
  workspaceId: string;
  /** The workspace's `settings.llm_daily_cap`. */
  dailyCap: number;
  /** Only these pairs (e.g. one import's); all pairs without phrasings when omitted. */
  pairIds?: readonly string[];
  now?: () => Date;
}

export interface AugmentResult {
  pairs: number;
  phrasings: number;
  /** Pairs left undone because the daily cap was reached. */
  capped: number;
  failed: number;
}

/**
 * Writes up to five alternative phrasings per pair with the owner's model and stores each as a
 * phrasing of its pair (`metadata.phrasing_of`, as a linked gap does, plus `augmented_from`), so
 * retrieval finds the pair by them; they are listed and removable on the pair like any phrasing.
 * Each call is counted against the daily cap; a provider failure skips that pair.
 */
export async function augmentPairs(input: AugmentInput): Promise<AugmentResult> {
  const { db, workspaceId } = input;
  const pairs = await pairsToAugment(db, workspaceId, input.pairIds);
  const taken = await activeQuestions(db, workspaceId);
  const result: AugmentResult = { pairs: 0, phrasings: 0, capped: 0, failed: 0 };
  for (const [i, pair] of pairs.entries()) {
    const day = (input.now?.() ?? new Date()).toISOString().slice(0, 10);
    if (!(await input.usage.tryConsume(workspaceId, day, input.dailyCap))) {
      result.capped = pairs.length - i;
      break;
    }
    let text = '';
    try {
      for await (const delta of input.model.stream({
        system,
        messages: [{ role: 'user', content: `Question: ${pair.question}\nAnswer: ${pair.answer}` }],
        maxTokens: 300,
      })) {
        text += delta;
      }
    } catch {
      await input.usage.release(workspaceId, day);
      result.failed++;
      continue;
    }
    const phrasings = parsePhrasings(text, taken);
    await markAugmented(db, workspaceId, pair.id);
    if (phrasings.length === 0) continue;
    const vectors = await embedPairs(
      input.embedder,
      phrasings.map((question) => ({ question, answer: pair.answer })),
    );
    await insertQaPairs(
      db,
      workspaceId,
      phrasings.map((question, j) => ({
        question,
        answer: pair.answer,
        category: pair.category,
        embedding: vectors[j] as Float32Array,
        source: 'manual' as const,
        metadata: { embedding_model: input.embedder.id, phrasing_of: pair.id, augmented_from: pair.id },
      })),
    );
    for (const p of phrasings) taken.add(p.toLowerCase());
    result.pairs++;
    result.phrasings += phrasings.length;
  }
  return result;
}
