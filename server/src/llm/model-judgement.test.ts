import { type FakeProviderServer, startFakeAnthropic, startFakeOpenAi } from '@clara/core/testing/llm';
import { createChatClient, shownText } from '@clara/testkit/chat-client';
import { entryOf } from '@clara/testkit/prompt-entries';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const canada = {
  question: 'How long does shipping take to Canada?',
  answer: 'Delivery to Canada takes 5 to 7 working days.',
  category: 'general',
};
const pairs = [...shopPairs, canada];
const models = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5-20251001' } as const;

let server: TestServer;
const fakes = {} as Record<'openai' | 'anthropic', FakeProviderServer>;
const ws = { openai: '', anthropic: '', none: '' };
const client = createChatClient(() => server.url);

async function gapsOf(workspaceId: string, question: string) {
  return server.db.query<{ question: string; ai_answer: string | null; status: string }>(
    'SELECT question, ai_answer, status FROM qa_gaps WHERE workspace_id = $1 AND question = $2',
    [workspaceId, question],
  );
}

beforeAll(async () => {
  [fakes.openai, fakes.anthropic] = await Promise.all([startFakeOpenAi(), startFakeAnthropic()]);
  server = await startTestServer({
    env: {
      OPENAI_BASE_URL: fakes.openai.baseURL,
      ANTHROPIC_BASE_URL: fakes.anthropic.baseURL,
      CLARA_LLM_TIMEOUT_MS: '3000',
      CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: '2000',
    },
  });
  for (const name of Object.keys(ws) as (keyof typeof ws)[]) {
    ws[name] = (await server.createWorkspace()).workspaceId;
    await server.addPairs(ws[name], pairs);
  }
  for (const provider of ['openai', 'anthropic'] as const) {
    await keysCommand(server.runtime, 'add', {
      workspace: ws[provider],
      provider,
      model: models[provider],
      key: `sk-test-${provider}-judgement-0123456789`,
      default: true,
    });
  }
});

afterAll(async () => {
  await server?.close();
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});

describe.each(['openai', 'anthropic'] as const)(
  'the %s model judges whether the pairs answer',
  (provider) => {
    const fake = () => fakes[provider];

    it('"not answered" files a gap although retrieval was confident', async () => {
      const question = 'Do you ship internationally to Germany?';
      const text = "I'm not sure whether we deliver to Germany; I've passed your question on to the team.";
      fake().script({ type: 'reply', text, judgement: { used_entries: [], answered: false } });
      const before = fake().requests.length;
      const { events } = await client.sse(client.turn(ws[provider], question));
      const done = events.at(-1)?.data.message;
      expect(fake().requests.length).toBe(before + 1);
      expect(shownText(events)).toBe(text);
      expect(done).toMatchObject({ reply_kind: 'gap', gap_detected: true, content: text });
      // Retrieval alone (the workspace without a key) answers it.
      const alone = (await client.json(client.turn(ws.none, question))).body.message;
      expect(alone).toMatchObject({ reply_kind: 'answer', gap_detected: false });
      expect(done.confidence).toBe(alone.confidence);
      expect(done.confidence).toBeGreaterThanOrEqual(0.78);
      expect(await gapsOf(ws[provider], question)).toEqual([{ question, ai_answer: text, status: 'open' }]);
    });

    it('"answered with pair X" files no gap although retrieval was not confident, and stores X as matched', async () => {
      const question = 'when do parcels reach Toronto?';
      const [{ id: canadaId } = { id: '' }] = await server.db.query<{ id: string }>(
        'SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = $2',
        [ws[provider], canada.question],
      );
      const text = 'Parcels to Canada, Toronto included, arrive in 5 to 7 working days.';
      fake().script({
        type: 'reply',
        text,
        judgement: (body) => ({ used_entries: [entryOf(body, canada.question)], answered: true }),
      });
      const session = client.turn(ws[provider], question);
      const { events } = await client.sse(session);
      const done = events.at(-1)?.data.message;
      expect(done).toMatchObject({
        reply_kind: 'answer',
        gap_detected: false,
        content: text,
        matched_qa_ids: [canadaId],
      });
      expect(done.confidence).toBeLessThan(0.78);
      expect(done.suggestion_chips).not.toContain(canada.question);
      const alone = (await client.json(client.turn(ws.none, question))).body.message;
      expect(alone.gap_detected).toBe(true);
      expect(await gapsOf(ws[provider], question)).toEqual([]);
      const stored = await client.history(ws[provider], session.session_token as string);
      expect(stored.at(-1)).toMatchObject({ matched_qa_ids: [canadaId], gap_detected: false });
    });

    it('a model that names a pair not in its context is not trusted: its text is replaced', async () => {
      const question = 'how long is delivery to canada?';
      const invented = 'Delivery to Canada is next-day and always free.';
      fake().script({ type: 'reply', text: invented, judgement: { used_entries: [42], answered: true } });
      const { events } = await client.sse(client.turn(ws[provider], question));
      const done = events.at(-1)?.data.message;
      expect(events.map((e) => e.event)).toContain('reset');
      expect(shownText(events)).toBe(canada.answer);
      expect(done).toMatchObject({ content: canada.answer, reply_kind: 'answer', gap_detected: false });
      expect(server.logs.join('')).toContain('language model judgement not trusted');
      expect(server.logs.join('')).not.toContain('judgement-0123456789');
    });

    it('an answer claimed with no pair used is not trusted: the gap is filed and nothing unsupported shown', async () => {
      const question = 'is there a store in Paris?';
      const invented = 'Yes, our Paris store is at 12 rue de Rivoli.';
      fake().script({ type: 'reply', text: invented, judgement: { used_entries: [], answered: true } });
      const { events } = await client.sse(client.turn(ws[provider], question));
      const done = events.at(-1)?.data.message;
      expect(shownText(events)).not.toContain('rue de Rivoli');
      expect(done).toMatchObject({ reply_kind: 'gap', gap_detected: true });
      expect(done.content).not.toContain('rue de Rivoli');
      const [gap] = await gapsOf(ws[provider], question);
      expect(gap?.ai_answer).not.toContain('rue de Rivoli');
    });

    it('when the provider fails, the extractive path answers as without a key', async () => {
      const question = 'Can I return an item I bought in a sale?';
      fake().script(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
      const before = fake().requests.length;
      const done = (await client.json(client.turn(ws[provider], question))).body.message;
      expect(fake().requests.length).toBe(before + 3);
      const alone = (await client.json(client.turn(ws.none, question))).body.message;
      expect(done).toMatchObject({
        content: alone.content,
        reply_kind: alone.reply_kind,
        gap_detected: false,
      });
    });
  },
);
