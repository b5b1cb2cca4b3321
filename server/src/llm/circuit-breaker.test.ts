import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { createChatClient } from '@clara/testkit/chat-client';
import { shopPairs } from '@clara/testkit/shop-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// The breaker reads Date.now (captured when the server starts): the test moves that clock past
// each cool-down instead of sleeping, so the turns meant to fall inside a cool-down do, however
// slow the machine (each check sits half a cool-down, 30 s of real time, from its edge).
const coolDownMs = 60_000;
const realNow = Date.now;
let skipped = 0;
const passTime = (ms: number) => {
  skipped += ms;
};
const question = 'Do you ship internationally, to France for example?';
let server: TestServer;
let openai: FakeProviderServer;
let workspaceId = '';
const client = createChatClient(() => server.url);

beforeAll(async () => {
  Date.now = () => realNow() + skipped;
  openai = await startFakeOpenAi();
  server = await startTestServer({
    env: { OPENAI_BASE_URL: openai.baseURL, CLARA_LLM_BREAKER_MS: String(coolDownMs) },
  });
  workspaceId = (await server.createWorkspace()).workspaceId;
  await server.addPairs(workspaceId, shopPairs);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-REJECTED-key-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await openai?.close();
  Date.now = realNow;
});

/** One turn: the answer's mode and how many requests reached the provider during it. */
async function turn(): Promise<{ mode: unknown; calls: number }> {
  const before = openai.requests.length;
  const { status, events } = await client.sse(client.turn(workspaceId, question));
  expect(status).toBe(200);
  return { mode: events[0]?.data.mode, calls: openai.requests.length - before };
}

const count = (text: string) => server.logs.filter((line) => line.includes(text)).length;

describe("a key's circuit breaker", () => {
  it('skips the provider after a rejected key, logs each change once, tries once after the cool-down', async () => {
    openai.script({ type: 'error', status: 401 });
    expect(await turn()).toEqual({ mode: 'extractive', calls: 1 });
    // Open: the next turns answer extractively without asking the provider, and log nothing new.
    expect(await turn()).toEqual({ mode: 'extractive', calls: 0 });
    expect(await turn()).toEqual({ mode: 'extractive', calls: 0 });
    expect(count('language model failed, answering extractively')).toBe(1);
    expect(count('language model circuit open')).toBe(1);
    expect(server.logs.join('')).toContain(`"cool_down_ms":${coolDownMs}`);

    // Half-open: one trial; it fails again, so the cool-down doubles.
    passTime(coolDownMs / 2);
    expect(await turn()).toEqual({ mode: 'extractive', calls: 0 });
    passTime(coolDownMs / 2);
    openai.script({ type: 'error', status: 401 });
    expect(await turn()).toEqual({ mode: 'extractive', calls: 1 });
    expect(await turn()).toEqual({ mode: 'extractive', calls: 0 });
    expect(server.logs.join('')).toContain(`"cool_down_ms":${2 * coolDownMs}`);

    // The provider answers again: the trial succeeds and the circuit closes.
    passTime(coolDownMs);
    expect(await turn()).toEqual({ mode: 'extractive', calls: 0 });
    passTime(coolDownMs);
    expect(await turn()).toEqual({ mode: 'llm', calls: 1 });
    expect(await turn()).toEqual({ mode: 'llm', calls: 1 });
    expect(count('language model circuit closed')).toBe(1);
    expect(count('language model circuit open')).toBe(2);
  });
});
