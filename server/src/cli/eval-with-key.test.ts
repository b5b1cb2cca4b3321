import { readFileSync } from 'node:fs';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvalConfig } from '../config/load-config';
import { evalCommand } from './eval-command';
import { UsageError } from './output';

// The smallbiz-dev vet clinic (30 pairs, 160 queries), as the README's figures are measured.
const data = new URL('../../../../shared/data/smallbiz-dev/vet-clinic/', import.meta.url);
const kb = new URL('kb.csv', data).pathname;
const queries = new URL('queries.csv', data).pathname;
const apiKey = 'sk-test-EVAL-with-key-0123456789';
const modelText = 'Answered by the fake model.';

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  // The fake model answers every question from the first entry it is given.
  fake.setDefault({ type: 'reply', text: modelText, judgement: { used_entries: [1], answered: true } });
});
afterAll(() => fake.close());

describe('clara eval --with-key against a fake OpenAI-compatible endpoint', () => {
  it('embeds the pairs and questions and answers with the model at OPENAI_BASE_URL', async () => {
    const out = `${process.env.TMPDIR ?? '/tmp'}/clara-eval-with-key-${process.pid}.jsonl`;
    const summary = await evalCommand(
      { kb, queries, out, 'with-key': true, model: 'gpt-4o-mini' },
      loadEvalConfig({ OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: fake.baseURL }),
    );
    expect(summary).toMatchObject({
      n: 160,
      kb_pairs: 30,
      llm: 'openai/gpt-4o-mini',
      embedder: 'openai:text-embedding-3-small@1536',
    });
    const embeddings = fake.requests.filter((r) => r.path === '/v1/embeddings');
    const chats = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    const embeddedTexts = embeddings.flatMap((r) => (r.body as { input: string[] }).input);
    // 30 questions and 30 answers, then the queries (a greeting is answered without a search).
    expect(embeddedTexts.length).toBeGreaterThan(60 + 150);
    expect(embeddedTexts.length).toBeLessThanOrEqual(60 + 160);
    for (const r of embeddings)
      expect(r.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536 });
    expect(chats.length).toBeGreaterThan(0);
    for (const r of [...chats, ...embeddings]) expect(r.headers.authorization).toBe(`Bearer ${apiKey}`);
    for (const r of chats) {
      expect(r.body).toMatchObject({ model: 'gpt-4o-mini', response_format: { type: 'json_schema' } });
    }
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byModel = rows.filter((r) => r.content === modelText);
    // Every question the model answered is an answer from the pair it named (the first it was given);
    // where it was given no entry, naming entry 1 is not trusted and its text is not shown.
    expect(byModel.length).toBeGreaterThan(chats.length / 2);
    for (const r of byModel) expect(r).toMatchObject({ reply_kind: 'answer', gap_detected: false });
    for (const r of rows.filter((row) => row.matches.length === 0)) expect(r.content).not.toBe(modelText);
    process.stderr.write(`\neval --with-key (fake): ${JSON.stringify(summary)}\n`);
  }, 120_000);

  it('refuses to run without OPENAI_API_KEY', async () => {
    await expect(evalCommand({ kb, queries, 'with-key': true }, loadEvalConfig({}))).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
