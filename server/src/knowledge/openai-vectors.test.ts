import { randomUUID } from 'node:crypto';
import { type ChatEngine, createChatEngine, createOpenAiEmbedder, openAiEmbedderId } from '@clara/core';
import { type FakeProviderServer, startFakeAnthropic, startFakeOpenAi } from '@clara/core/testing/llm';
import { searchPairVectors } from '@clara/supabase';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';
import { createOpenAiVectors, type OpenAiVectors } from './openai-vectors';

const pairs = [
  ...shopPairs,
  {
    question: 'How long does shipping take to Canada?',
    answer: 'Delivery to Canada takes 5 to 7 working days.',
    category: 'general',
  },
  { question: 'Do you offer gift cards?', answer: 'Yes, from $10 to $200.', category: 'general' },
];
const questions = ['how long is delivery to canada?', 'when are you open?', 'Can I bring my dog?'];

let server: TestServer;
let openai: FakeProviderServer;
let anthropic: FakeProviderServer;
let vectors: OpenAiVectors;
let withIndexes: ChatEngine;
let builtIn: ChatEngine;
const ws = { openai: '', anthropic: '' };

const embeddingCalls = (from = 0) => openai.requests.slice(from).filter((r) => r.path === '/v1/embeddings');

/** The workspace's OpenAI index (it has an OpenAI key). */
async function indexOf(workspaceId: string) {
  const index = await vectors.indexFor(workspaceId);
  if (!index) throw new Error('no index');
  return index;
}

/** What a turn searched with: the candidates' similarities as the reply reports them (matched ids, confidence). */
async function ask(engine: ChatEngine, workspaceId: string, message: string) {
  const { message: reply } = await engine.turn({
    workspaceId,
    sessionToken: randomUUID(),
    messageId: randomUUID(),
    message,
  });
  return { kind: reply.reply_kind, ids: reply.matched_qa_ids, confidence: reply.confidence };
}

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startFakeOpenAi(), startFakeAnthropic()]);
  server = await startTestServer({
    env: { OPENAI_BASE_URL: openai.baseURL, ANTHROPIC_BASE_URL: anthropic.baseURL },
  });
  for (const [name, provider, model] of [
    ['openai', 'openai', 'gpt-4o-mini'],
    ['anthropic', 'anthropic', 'claude-haiku-4-5-20251001'],
  ] as const) {
    ws[name] = (await server.createWorkspace()).workspaceId;
    await server.addPairs(ws[name], pairs);
    await keysCommand(server.runtime, 'add', {
      workspace: ws[name],
      provider,
      model,
      key: `sk-test-${provider}-vectors-0123456789`,
      default: true,
    });
  }
  vectors = createOpenAiVectors({
    db: server.db,
    masterKey: server.runtime.masterKey,
    baseURL: openai.baseURL,
    batchPairs: 1,
  });
  const { store, embedder } = server.runtime;
  withIndexes = createChatEngine({ store, embedder, indexes: vectors });
  builtIn = createChatEngine({ store, embedder });
});

afterAll(async () => {
  await vectors?.stop();
  await server?.close();
  await Promise.all([openai?.close(), anthropic?.close()]);
});

describe('OpenAI embeddings for a workspace whose default key is an OpenAI key', () => {
  it('embeds its pairs through /v1/embeddings with text-embedding-3-small at 1536 dimensions', async () => {
    // Three pairs, then the endpoint refuses: the switch is a third done.
    openai.scriptRoutes(
      { type: 'reply', text: '' },
      { type: 'reply', text: '' },
      { type: 'reply', text: '' },
      { type: 'error', status: 400 },
    );
    const before = openai.requests.length;
    await expect(vectors.sync(ws.openai)).rejects.toMatchObject({ code: 'provider_error', status: 400 });
    const calls = embeddingCalls(before);
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536 });
      expect(call.headers.authorization).toBe('Bearer sk-test-openai-vectors-0123456789');
      // Question and answer of one pair, mixed as every pair vector is.
      expect((call.body as { input: string[] }).input).toHaveLength(2);
    }
    const rows = await server.db.query<{ n: number; dims: number }>(
      `SELECT count(*)::int AS n, min(vector_dims(embedding)) AS dims FROM qa_pair_vectors
       WHERE workspace_id = $1 AND embedder = 'openai:text-embedding-3-small@1536'`,
      [ws.openai],
    );
    expect(rows[0]).toEqual({ n: 3, dims: 1536 });
    expect(await vectors.progress(ws.openai)).toEqual({
      embedder: null,
      total: 6,
      embedded: 3,
      complete: false,
    });
  });

  it('answers from the built-in vectors until every pair has its new vector, never a mix', async () => {
    for (const q of questions)
      expect(await ask(withIndexes, ws.openai, q)).toEqual(await ask(builtIn, ws.openai, q));
    // Not even offered, and the search itself (coverage checked in the same statement) refuses.
    expect(await vectors.indexFor(ws.openai)).toBeNull();
    const [vector] = await createOpenAiEmbedder({ apiKey: 'sk-test', baseURL: openai.baseURL }).embed([
      'when are you open?',
    ]);
    expect(
      await searchPairVectors(server.db, ws.openai, openAiEmbedderId, vector as Float32Array, {
        threshold: 0.1,
        count: 5,
      }),
    ).toEqual({ complete: false, matches: [] });

    const done = await vectors.sync(ws.openai);
    expect(done).toEqual({
      embedder: 'openai:text-embedding-3-small@1536',
      total: 6,
      embedded: 6,
      complete: true,
    });
    const found = await (await indexOf(ws.openai)).search(vector as Float32Array, {
      threshold: 0.1,
      count: 5,
    });
    expect(found?.[0]?.question).toBe('What are your opening hours?');
    // Now the OpenAI vectors answer: the similarities (hence confidences) differ from the built-in ones.
    const after = await Promise.all(questions.map((q) => ask(withIndexes, ws.openai, q)));
    const local = await Promise.all(questions.map((q) => ask(builtIn, ws.openai, q)));
    expect(after.map((a) => a.confidence)).not.toEqual(local.map((a) => a.confidence));
  });

  it('an edited pair sends the workspace back to the built-in vectors until the sweep re-embeds it', async () => {
    await server.db.query(
      `UPDATE qa_pairs SET answer = 'Yes, from $10 to $500.' WHERE workspace_id = $1 AND question = $2`,
      [ws.openai, 'Do you offer gift cards?'],
    );
    expect(await vectors.progress(ws.openai)).toMatchObject({ embedded: 5, complete: false });
    for (const q of questions)
      expect(await ask(withIndexes, ws.openai, q)).toEqual(await ask(builtIn, ws.openai, q));
    const sweep = createOpenAiVectors({
      db: server.db,
      masterKey: server.runtime.masterKey,
      baseURL: openai.baseURL,
      intervalMs: 50,
    });
    sweep.start();
    for (let i = 0; i < 100 && !(await vectors.progress(ws.openai))?.complete; i++)
      await new Promise((r) => setTimeout(r, 50));
    await sweep.stop();
    expect(await vectors.progress(ws.openai)).toMatchObject({ embedded: 6, complete: true });
  });

  it('when the embeddings endpoint fails, the turn answers from the built-in vectors', async () => {
    openai.scriptRoutes(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    const q = 'how long is delivery to canada?';
    expect(await ask(withIndexes, ws.openai, q)).toEqual(await ask(builtIn, ws.openai, q));
  });

  it('an Anthropic-only workspace keeps the built-in embedder: no embeddings request', async () => {
    const before = openai.requests.length;
    expect(await vectors.indexFor(ws.anthropic)).toBeNull();
    expect(await vectors.sync(ws.anthropic)).toMatchObject({ embedder: null });
    for (const q of questions)
      expect(await ask(withIndexes, ws.anthropic, q)).toEqual(await ask(builtIn, ws.anthropic, q));
    expect(embeddingCalls(before)).toHaveLength(0);
    expect(anthropic.requests.filter((r) => r.path.includes('embed'))).toHaveLength(0);
  });

  it('through the real server: once synced, a chat turn embeds the question with OpenAI and searches those vectors', async () => {
    const { runtime } = server;
    expect(await runtime.vectors.progress(ws.openai)).toMatchObject({ complete: true });
    const before = openai.requests.length;
    const { status, message } = await server.ask(ws.openai, 'how long is delivery to canada?');
    expect(status).toBe(200);
    const inputs = embeddingCalls(before).map((r) => (r.body as { input: string[] }).input);
    expect(inputs).toContainEqual(['how long is delivery to canada?']);
    expect(message.matched_qa_ids?.length).toBeGreaterThan(0);
    // The Anthropic workspace's turn asks OpenAI for nothing.
    const mark = openai.requests.length;
    await server.ask(ws.anthropic, 'how long is delivery to canada?');
    expect(embeddingCalls(mark)).toHaveLength(0);
    expect(server.logs.join('')).not.toContain('vectors-0123456789');
  });
});
