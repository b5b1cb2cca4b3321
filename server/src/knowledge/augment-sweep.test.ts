import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';
import { createAugmentSweep } from './augment-sweep';

let server: TestServer;
let fake: FakeProviderServer;
const ws = { on: '', off: '' };
const chats = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: fake.baseURL } });
  ws.on = (await server.createWorkspace({ settings: { augment_questions: true } })).workspaceId;
  ws.off = (await server.createWorkspace()).workspaceId;
  for (const id of Object.values(ws)) {
    await keysCommand(server.runtime, 'add', {
      workspace: id,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-augment-sweep-0123456789',
      default: true,
    });
  }
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('augmentation of new pairs (settings.augment_questions, off by default)', () => {
  it('writes phrasings for the new pairs of a workspace that turned it on, once, and none elsewhere', async () => {
    const pair = {
      question: 'Do you offer gift cards?',
      answer: 'Yes, from $10 to $200.',
      category: 'general',
    };
    await server.addPairs(ws.on, [pair]);
    await server.addPairs(ws.off, [pair]);
    const sweep = createAugmentSweep({
      db: server.db,
      embedder: server.runtime.embedder,
      models: server.runtime.models,
    });
    fake.setDefault({ type: 'reply', text: 'Can I buy a gift voucher?\nDo you sell gift certificates?' });
    const before = chats();
    await sweep.runOnce();
    expect(chats()).toBe(before + 1);
    const phrasings = await server.db.query<{ workspace_id: string; question: string }>(
      `SELECT workspace_id, question FROM qa_pairs WHERE metadata->>'phrasing_of' IS NOT NULL ORDER BY question`,
    );
    expect(phrasings).toEqual([
      { workspace_id: ws.on, question: 'Can I buy a gift voucher?' },
      { workspace_id: ws.on, question: 'Do you sell gift certificates?' },
    ]);
    // Already augmented: the next pass asks nothing; a new pair is asked about.
    await sweep.runOnce();
    expect(chats()).toBe(before + 1);
    await server.addPairs(ws.on, [
      { question: 'Can I return an item?', answer: 'Within 30 days.', category: 'general' },
    ]);
    await sweep.runOnce();
    expect(chats()).toBe(before + 2);
    const answered = await server.ask(ws.on, 'Do you sell gift certificates?');
    expect(answered.message).toMatchObject({ gap_detected: false, reply_kind: 'answer' });
  });
});
