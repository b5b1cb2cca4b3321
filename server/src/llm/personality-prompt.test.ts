import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

let server: TestServer;
let openai: FakeProviderServer;

beforeAll(async () => {
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL } });
});

afterAll(async () => {
  await server?.close();
  await openai?.close();
});

describe('the default personality prompt, as the model receives it', () => {
  it('leaves out the unfilled "Business Context" template section and uses the display name', async () => {
    const { workspaceId } = await server.createWorkspace({ settings: { display_name: 'Page & Bean' } });
    await server.addPairs(workspaceId, shopPairs);
    await keysCommand(server.runtime, 'add', {
      workspace: workspaceId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-proj-personality-0123456789',
      default: true,
    });
    const before = openai.requests.length;
    const { status } = await server.ask(workspaceId, 'Do you ship internationally, to France for example?');
    expect(status).toBe(200);
    const body = openai.requests[before]?.body as { messages: { role: string; content: string }[] };
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    expect(system).not.toContain('Describe what your company does');
    expect(system).not.toContain('### Business Context');
    expect(system).toContain('You are Page & Bean, a friendly and knowledgeable virtual assistant.');
    expect(system).not.toContain('You are Clara');
    expect(system).toContain('### Constraints\n1. Only answer from the knowledge base context provided.');

    // The saved prompt stays the seed's default, as written.
    const [row] = await server.db.query<{ prompt: string }>(
      "SELECT settings->>'personality_prompt' AS prompt FROM workspaces WHERE id = $1",
      [workspaceId],
    );
    expect(row?.prompt).toContain('### Business Context\nDescribe what your company does');
  });
});
