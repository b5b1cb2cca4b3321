import { type FakeProviderServer, startFakeAnthropic } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { augmentCommand } from './augment-command';
import { keysCommand } from './keys-command';
import { UsageError } from './output';

let server: TestServer;
let fake: FakeProviderServer;
const ws = { keyed: '', bare: '' };

beforeAll(async () => {
  fake = await startFakeAnthropic();
  server = await startTestServer({ env: { ANTHROPIC_BASE_URL: fake.baseURL } });
  for (const name of ['keyed', 'bare'] as const) {
    ws[name] = (await server.createWorkspace()).workspaceId;
    await server.addPairs(ws[name], [
      { question: 'Do you offer gift cards?', answer: 'Yes, from $10 to $200.', category: 'general' },
      {
        question: 'Can I return an item?',
        answer: 'Returns are accepted within 30 days.',
        category: 'general',
      },
    ]);
  }
  await keysCommand(server.runtime, 'add', {
    workspace: ws.keyed,
    provider: 'anthropic',
    model: 'claude-haiku-4-5-20251001',
    key: 'sk-ant-test-augment-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('clara augment', () => {
  it('prints the cost first and calls no model; with --yes it writes the phrasings (Anthropic)', async () => {
    const before = fake.requests.length;
    const dry = await augmentCommand(server.runtime, { workspace: ws.keyed });
    expect(dry).toMatchObject({
      ran: false,
      auto: false,
      estimate: { model: 'claude-haiku-4-5-20251001', pairs: 2, calls: 2 },
    });
    expect((dry.estimate as { usd: number }).usd).toBeGreaterThan(0);
    expect(fake.requests.length).toBe(before);

    fake.script(
      { type: 'reply', text: 'Do you sell gift vouchers?\nCan I buy a gift card?' },
      { type: 'reply', text: 'Can I send something back?' },
    );
    const run = await augmentCommand(server.runtime, { workspace: ws.keyed, yes: true });
    expect(run).toMatchObject({ ran: true, pairs: 2, phrasings: 3, capped: 0, failed: 0 });
    expect(fake.requests.length).toBe(before + 2);
    // Nothing left to augment: each pair has its phrasings.
    expect(await augmentCommand(server.runtime, { workspace: ws.keyed })).toMatchObject({
      estimate: { pairs: 0 },
    });
  });

  it('--auto on|off turns augmentation of new pairs on and off (off by default)', async () => {
    expect(await augmentCommand(server.runtime, { workspace: ws.keyed, auto: 'on' })).toMatchObject({
      auto: true,
    });
    expect((await server.runtime.store.getWorkspace(ws.keyed))?.settings.augment_questions).toBe(true);
    expect(await augmentCommand(server.runtime, { workspace: ws.keyed, auto: 'off' })).toMatchObject({
      auto: false,
    });
    await expect(
      augmentCommand(server.runtime, { workspace: ws.keyed, auto: 'maybe' }),
    ).rejects.toBeInstanceOf(UsageError);
  });

  it('needs a key and a workspace id', async () => {
    await expect(augmentCommand(server.runtime, { workspace: ws.bare })).rejects.toBeInstanceOf(UsageError);
    await expect(augmentCommand(server.runtime, {})).rejects.toBeInstanceOf(UsageError);
  });
});
