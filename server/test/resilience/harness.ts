import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { createUser, createWorkspace } from '@clara/supabase';
import { keysCommand } from '../../src/cli/keys-command';
import { importQaPairs } from '../../src/knowledge/import-qa-pairs';
import type { Runtime } from '../../src/runtime';
import { startTestServer, type TestServer } from '../test-server';

/** The knowledge base every resilience suite answers from. */
export const pairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'How much does shipping cost?',
    answer: 'Shipping is free over $50, otherwise $5.',
    category: 'pricing',
  },
  { question: 'Can I return an item?', answer: 'Returns are accepted within 30 days.', category: 'general' },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
  { question: 'How do I reset my password?', answer: 'Use the "Forgot password" link.', category: 'account' },
];

/** Questions the knowledge base cannot answer: each becomes one open gap. */
export const unknownQuestions = [
  'Can I bring my dog to the shop?',
  'Do you sell unicycles for giraffes?',
  'Is there a loyalty programme for astronauts?',
  'Do you repair vintage typewriters?',
];

/** A raw key whose every form (raw, sealed) must never appear in any output. */
export const rawOpenAiKey = 'sk-proj-RESILIENCE-raw-key-4f1d2c3b-0000-zzzz';

/**
 * A new owner's workspace holding `pairs`, through `runtime` (for suites that run runtimes or
 * processes of their own); with `openAiKey`, that key is its default OpenAI key.
 */
export async function seedWorkspace(
  runtime: Runtime,
  options: { openAiKey?: string; settings?: Record<string, unknown> } = {},
): Promise<string> {
  const user = await createUser(runtime.db, `seed-${randomUUID()}@example.com`, 'not-a-real-hash');
  const workspaceId = (await createWorkspace(runtime.db, user.id, { settings: options.settings })).id;
  await importQaPairs(
    runtime.db,
    runtime.embedder,
    workspaceId,
    pairs.map((pair, i) => ({ row: i + 2, pair })),
    { source: 'manual' },
  );
  if (options.openAiKey) {
    await keysCommand(runtime, 'add', {
      workspace: workspaceId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: options.openAiKey,
      default: true,
    });
  }
  return workspaceId;
}

export interface LlmHarness {
  server: TestServer;
  fake: FakeProviderServer;
  /** A workspace with the pairs and a default OpenAI key pointing at the fake. */
  workspaceId: string;
  /** Another workspace set up the same way (pairs + default key at the fake). */
  addWorkspace(): Promise<{ workspaceId: string }>;
  close(): Promise<void>;
}

/**
 * The real server over PGlite, a fake streaming OpenAI, and one workspace answering through it.
 * Rate limits are lifted: these suites measure what is stored, not the limiter.
 */
export async function startLlmHarness(env: Record<string, string> = {}): Promise<LlmHarness> {
  const fake = await startFakeOpenAi('Here is what I found in our notes. Anything else?');
  const server = await startTestServer({
    env: {
      OPENAI_BASE_URL: fake.baseURL,
      CLARA_CHAT_RATE_PER_IP: '100000',
      CLARA_CHAT_RATE_PER_SESSION: '100000',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  const addWorkspace = async () => {
    const { workspaceId } = await server.createWorkspace({ settings: { llm_daily_cap: 1_000_000 } });
    await server.addPairs(workspaceId, pairs);
    await keysCommand(server.runtime, 'add', {
      workspace: workspaceId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: rawOpenAiKey,
      default: true,
    });
    return { workspaceId };
  };
  const { workspaceId } = await addWorkspace();
  return {
    server,
    fake,
    workspaceId,
    addWorkspace,
    async close() {
      await server.close();
      await fake.close();
    },
  };
}

/** Runs `count` tasks with at most `width` at a time. */
export async function inParallel<T>(
  count: number,
  width: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return results;
}
