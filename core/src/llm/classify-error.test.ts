import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyProviderError, isRetryable } from './classify-error';
import { startFakeAnthropic, startFakeOpenAi } from './testing';

/** A base URL nothing listens on: a fake started, then closed. */
async function closedUrl(start: typeof startFakeOpenAi) {
  const fake = await start();
  await fake.close();
  return fake.baseURL;
}

describe('classifyProviderError on a connection that never opens', () => {
  it('both real SDKs against a closed port: unreachable (no status), retryable, not a provider error', async () => {
    const openai = new OpenAI({ apiKey: 'sk-x', baseURL: await closedUrl(startFakeOpenAi), maxRetries: 0 });
    const anthropic = new Anthropic({
      apiKey: 'sk-ant-x',
      baseURL: await closedUrl(startFakeAnthropic),
      maxRetries: 0,
    });
    const raised = [
      ['openai', await openai.embeddings.create({ model: 'm', input: ['x'] }).catch((e: unknown) => e)],
      [
        'anthropic',
        await anthropic.messages
          .create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] })
          .catch((e: unknown) => e),
      ],
    ] as const;
    for (const [provider, error] of raised) {
      const classified = classifyProviderError(error, provider, 'open');
      expect(classified).toMatchObject({ code: 'unreachable', provider, status: undefined });
      expect(isRetryable(classified)).toBe(true);
    }
  });
});
