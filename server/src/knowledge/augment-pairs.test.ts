import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';
import { createUsageMeter } from '../llm';
import { augmentPairs, estimateAugmentation, parsePhrasings } from './augment-pairs';

const canada = {
  question: 'How long does shipping take to Canada?',
  answer: 'Delivery to Canada takes 5 to 7 working days.',
  category: 'general',
};
const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'Can I return an item?',
    answer: 'Returns are accepted within 30 days.',
    category: 'retention',
  },
  canada,
];
const asked = 'when do parcels reach Toronto?';

let server: TestServer;
let fake: FakeProviderServer;
let ws = '';

beforeAll(async () => {
  fake = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: fake.baseURL } });
  ws = (await server.createWorkspace({ settings: { llm_daily_cap: 2 } })).workspaceId;
  await server.addPairs(ws, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: ws,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-test-augment-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('question augmentation with the owner’s model', () => {
  it('shows its cost first: one call per pair at the model’s list price', () => {
    const estimate = estimateAugmentation(pairs, 'gpt-4o-mini');
    expect(estimate).toMatchObject({ pairs: 3, calls: 3, output_tokens: 225 });
    expect(estimate.input_tokens).toBeGreaterThan(360);
    expect(estimate.usd).toBeGreaterThan(0);
    expect(estimate.usd).toBeLessThan(0.001);
    expect(estimateAugmentation(pairs, 'unknown-model').usd).toBeNull();
  });

  it('keeps at most five new phrasings, without bullets, numbers or repeats', () => {
    const text =
      '1. When will it arrive?\n- when will it arrive?\n• "How long to Canada?"\nWhat are your opening hours?\na\nB?\nC one\nD two\nE three\nF four';
    expect(parsePhrasings(text, new Set(['what are your opening hours?']))).toEqual([
      'When will it arrive?',
      'How long to Canada?',
      'C one',
      'D two',
      'E three',
    ]);
  });

  it('drops characters Postgres cannot store from a phrasing (NUL, lone surrogates)', () => {
    expect(parsePhrasings('Do you \u0000ship to Canada?\nShip\ud83d to Canada?\nok', new Set())).toEqual([
      'Do you ship to Canada?',
      'Ship to Canada?',
    ]);
  });

  it('writes the good phrasings when one line of the model’s reply holds a NUL or a lone surrogate', async () => {
    const workspace = (await server.createWorkspace()).workspaceId;
    await server.addPairs(workspace, [canada]);
    await keysCommand(server.runtime, 'add', {
      workspace,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-augment-nul-0123456789',
      default: true,
    });
    const model = await server.runtime.models.resolveModel(workspace);
    if (!model) throw new Error('setup');
    fake.script({
      type: 'reply',
      text: 'When will my parcel get to Canada?\nHow long is \u0000delivery to Canada?\nShipping time to Canada \ud83d?',
    });
    const result = await augmentPairs({
      db: server.db,
      embedder: server.runtime.embedder,
      model,
      usage: createUsageMeter(server.db),
      workspaceId: workspace,
      dailyCap: 10,
    });
    expect(result).toEqual({ pairs: 1, phrasings: 3, capped: 0, failed: 0 });
    const stored = await server.db.query<{ question: string }>(
      `SELECT question FROM qa_pairs WHERE workspace_id = $1 AND metadata ? 'augmented_from' ORDER BY question`,
      [workspace],
    );
    expect(stored.map((r) => r.question)).toEqual([
      'How long is delivery to Canada?',
      'Shipping time to Canada ?',
      'When will my parcel get to Canada?',
    ]);
  });

  it('stores phrasings of the pair that retrieval then uses, within the daily cap', async () => {
    const before = await server.ask(ws, asked);
    expect(before.message.gap_detected).toBe(true);
    const [canadaRow] = await server.db.query<{ id: string }>(
      'SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = $2',
      [ws, canada.question],
    );
    // The turn above used one of the two answers the cap allows today.
    const model = await server.runtime.models.resolveModel(ws);
    if (!model || !canadaRow) throw new Error('setup');
    fake.script({
      type: 'reply',
      text: 'When will my parcel reach Toronto?\nHow many days does delivery to Canada take?\nHow fast do you ship to Canada?',
    });
    const result = await augmentPairs({
      db: server.db,
      embedder: server.runtime.embedder,
      model,
      usage: createUsageMeter(server.db),
      workspaceId: ws,
      dailyCap: 2,
      pairIds: [canadaRow.id],
    });
    expect(result).toEqual({ pairs: 1, phrasings: 3, capped: 0, failed: 0 });
    const stored = await server.db.query<{ question: string; answer: string; phrasing_of: string }>(
      `SELECT question, answer, metadata->>'phrasing_of' AS phrasing_of FROM qa_pairs
       WHERE workspace_id = $1 AND metadata->>'augmented_from' = $2 ORDER BY question`,
      [ws, canadaRow.id],
    );
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row).toMatchObject({ answer: canada.answer, phrasing_of: canadaRow.id });

    const after = await server.ask(ws, asked);
    expect(after.message).toMatchObject({ gap_detected: false, reply_kind: 'answer' });
    expect(after.message.confidence).toBeGreaterThanOrEqual(0.78);

    // The cap (2) is now spent: the other pairs wait for tomorrow.
    const capped = await augmentPairs({
      db: server.db,
      embedder: server.runtime.embedder,
      model,
      usage: createUsageMeter(server.db),
      workspaceId: ws,
      dailyCap: 2,
    });
    expect(capped).toEqual({ pairs: 0, phrasings: 0, capped: 2, failed: 0 });
  });
});
