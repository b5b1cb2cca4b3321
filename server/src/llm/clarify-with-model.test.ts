/**
 * With the owner's key, a question in the "Did you mean…?" band goes to the model too: when it
 * sees that a pair answers, the visitor gets that answer and no gap is filed; when it does not,
 * the visitor gets the model's question back with the same chips, and the gap is filed. Both
 * providers, through the public chat API, against local fakes of their wire protocols.
 */
import { type FakeProviderServer, startFakeAnthropic, startFakeOpenAi } from '@clara/core/testing/llm';
import { createChatClient, shownText } from '@clara/testkit/chat-client';
import { entryOf, systemOf } from '@clara/testkit/prompt-entries';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const models = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5-20251001' } as const;

let server: TestServer;
const fakes = {} as Record<'openai' | 'anthropic', FakeProviderServer>;
const ws = { openai: '', anthropic: '', none: '' };
const client = createChatClient(() => server.url);

const gapsOf = (workspaceId: string, question: string) =>
  server.db.query<{ ai_answer: string | null; status: string }>(
    'SELECT ai_answer, status FROM qa_gaps WHERE workspace_id = $1 AND question = $2',
    [workspaceId, question],
  );

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
    await server.addPairs(ws[name], groomerPairs);
  }
  for (const provider of ['openai', 'anthropic'] as const) {
    await keysCommand(server.runtime, 'add', {
      workspace: ws[provider],
      provider,
      model: models[provider],
      key: `sk-test-${provider}-clarify-0123456789`,
      default: true,
    });
  }
});

afterAll(async () => {
  await server?.close();
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});

describe.each(['openai', 'anthropic'] as const)('a "Did you mean…?" question with a %s key', (provider) => {
  const fake = () => fakes[provider];

  it('is answered, with no gap, when the model finds the pair that answers it', async () => {
    const question = q.vague;
    const alone = (await client.json(client.turn(ws.none, question))).body.message;
    expect(alone).toMatchObject({ reply_kind: 'clarify', gap_detected: true });
    expect(alone.suggestion_chips).toContain(q.vagueChoice);

    const [{ id: priceId } = { id: '' }] = await server.db.query<{ id: string }>(
      'SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = $2',
      [ws[provider], q.vagueChoice],
    );
    const text = 'A full groom starts at $55 for small dogs and $85 for large breeds.';
    fake().script({
      type: 'reply',
      text,
      judgement: (body) => ({ used_entries: [entryOf(body, q.vagueChoice)], answered: true }),
    });
    const before = fake().requests.length;
    const { events } = await client.sse(client.turn(ws[provider], question));
    const done = events.at(-1)?.data.message;
    expect(fake().requests.length).toBe(before + 1);
    // The model was told that questions are offered under its reply.
    expect(systemOf(fake().requests.at(-1)?.body)).toContain('suggested questions shown under your reply');
    expect(shownText(events)).toBe(text);
    expect(done).toMatchObject({
      reply_kind: 'answer',
      gap_detected: false,
      content: text,
      matched_qa_ids: [priceId],
    });
    expect(done.confidence).toBe(alone.confidence);
    expect(done.suggestion_chips).not.toContain(q.vagueChoice);
    expect(await gapsOf(ws[provider], question)).toEqual([]);
  });

  it('keeps the "Did you mean…?" questions, and files the gap, when the model finds none', async () => {
    const question = q.vagueOthers[0];
    const alone = (await client.json(client.turn(ws.none, question))).body.message;
    expect(alone.reply_kind).toBe('clarify');

    const text = 'I am not sure what you mean: could you pick one of the questions below?';
    fake().script({ type: 'reply', text, judgement: { used_entries: [], answered: false } });
    const { events } = await client.sse(client.turn(ws[provider], question));
    const done = events.at(-1)?.data.message;
    expect(shownText(events)).toBe(text);
    expect(done).toMatchObject({ reply_kind: 'clarify', gap_detected: true, content: text });
    expect(done.suggestion_chips).toEqual(alone.suggestion_chips);
    expect(await gapsOf(ws[provider], question)).toEqual([{ ai_answer: text, status: 'open' }]);
  });

  it('answers the question the visitor then picks from the pair, without the model', async () => {
    const question = q.vagueOthers[1];
    fake().script({
      type: 'reply',
      text: 'Which one do you mean?',
      judgement: { used_entries: [], answered: false },
    });
    const first = client.turn(ws[provider], question);
    const clarify = (await client.json(first)).body.message;
    expect(clarify.reply_kind).toBe('clarify');
    expect(clarify.suggestion_chips).toContain(q.vagueChoice);
    const before = fake().requests.length;
    const picked = (
      await client.json({ ...client.turn(ws[provider], q.vagueChoice), session_token: first.session_token })
    ).body.message;
    expect(fake().requests.length).toBe(before);
    expect(picked).toMatchObject({ reply_kind: 'answer', gap_detected: false });
    expect(picked.content).toContain(q.vagueAnswer);
  });
});
