import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from './create-language-model';
import type { LlmProvider } from './llm-error';
import type { FakeProviderServer } from './testing/fake-provider-server';
import { startFakeAnthropic, startFakeOpenAi } from './testing/index';

const apiKey = 'sk-test-SECRET-judgement-0123456789';
const cases: [LlmProvider, () => Promise<FakeProviderServer>][] = [
  ['openai', () => startFakeOpenAi()],
  ['anthropic', () => startFakeAnthropic()],
];

describe.each(cases)('the judgement through the real %s SDK', (provider, start) => {
  let fake: FakeProviderServer;
  const model = () =>
    createLanguageModel(provider, {
      apiKey,
      model: 'test-model',
      baseURL: fake.baseURL,
      totalTimeoutMs: 3_000,
    });

  beforeAll(async () => {
    fake = await start();
  });
  afterAll(() => fake.close());

  async function ask(): Promise<{ deltas: string[]; reports: unknown[]; body: Record<string, unknown> }> {
    const deltas: string[] = [];
    const reports: unknown[] = [];
    const before = fake.requests.length;
    for await (const delta of model().stream({
      system: 'rules',
      messages: [{ role: 'user', content: 'Do you ship to Canada?' }],
      onJudgement: (raw) => reports.push(raw),
    })) {
      deltas.push(delta);
    }
    return { deltas, reports, body: fake.requests[before]?.body as Record<string, unknown> };
  }

  it('asks for it in the provider’s format and reports it after the streamed text', async () => {
    const text = 'Delivery to Canada takes 5 to 7 working days.';
    fake.script({ type: 'reply', text, judgement: { used_entries: [2], answered: true } });
    const { deltas, reports, body } = await ask();
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(text);
    expect(reports).toEqual([expect.objectContaining({ used_entries: [2], answered: true })]);
    if (provider === 'openai') {
      expect(body.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: {
          name: 'report_answer',
          strict: true,
          schema: { required: ['reply', 'used_entries', 'answered'], additionalProperties: false },
        },
      });
    } else {
      expect(body.tools).toEqual([
        expect.objectContaining({
          name: 'report_answer',
          input_schema: expect.objectContaining({ required: ['used_entries', 'answered'] }),
        }),
      ]);
      expect(body.tool_choice).toEqual({ type: 'auto' });
    }
  });

  it('reports nothing when the model wrote plain text only, and asks for nothing when not asked', async () => {
    fake.script({ type: 'reply', text: 'Plain words only.' });
    const { deltas, reports } = await ask();
    expect(deltas.join('')).toBe('Plain words only.');
    expect(reports).toEqual([]);
    fake.script({ type: 'reply', text: 'No report asked.' });
    const before = fake.requests.length;
    for await (const _ of model().stream({ system: 's', messages: [{ role: 'user', content: 'q' }] })) {
    }
    const body = fake.requests[before]?.body as Record<string, unknown>;
    expect(body.response_format).toBeUndefined();
    expect(body.tools).toBeUndefined();
  });
});
