import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One workspace whose model is slow (here: stalled until the test lets it answer) must not make
 * another workspace's turns wait behind its backlog. Workspace A has a key pointed at the fake
 * provider, which holds every answer at a gate; workspace B has no key (extractive answers).
 */
describe('POST /api/chat: one slow workspace does not starve another', () => {
  let server: TestServer | undefined;
  let fake: FakeProviderServer;
  let open = () => {};
  const turns: Promise<Response>[] = [];

  const start = async (env: Record<string, string>) => {
    fake = await startFakeOpenAi('From our notes: we open at nine.');
    const gate = new Promise<void>((resolve) => (open = resolve));
    fake.setDefault({ type: 'reply', text: 'We open at nine.', gate, gateAfter: 0 });
    server = await startTestServer({
      env: {
        OPENAI_BASE_URL: fake.baseURL,
        // The gate, not a time limit, ends the slow answers.
        CLARA_LLM_TIMEOUT_MS: '120000',
        CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: '120000',
        ...env,
      },
    });
    const a = await server.createWorkspace();
    const b = await server.createWorkspace();
    await server.addPairs(b.workspaceId, [
      { question: 'What are your opening hours?', answer: 'Nine to five.', category: 'Hours' },
    ]);
    await keysCommand(server.runtime, 'add', {
      workspace: a.workspaceId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-fair-admission-0000',
      default: true,
    });
    return { a: a.workspaceId, b: b.workspaceId };
  };

  afterEach(async () => {
    open();
    await Promise.allSettled(turns.splice(0));
    await server?.close();
    server = undefined;
    await fake?.close();
  });

  const ask = (url: string, workspaceId: string) =>
    fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: 'What are your opening hours?',
      }),
    });

  /** Requests for an answer the fake received (A's turns that reached the model; embeddings not counted). */
  const modelCalls = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  /** Waits until B's turn is answered or one more of A's turns reaches the model, whichever is first. */
  const firstOf = async (b: Promise<Response>, calls: number) => {
    let answered = false;
    void b.then(
      () => (answered = true),
      () => (answered = true),
    );
    const until = Date.now() + 60_000;
    while (!answered && modelCalls() < calls && Date.now() < until) await sleep(5);
    return { answered, modelCalls: modelCalls() };
  };

  const waitForModelCalls = async (n: number) => {
    const until = Date.now() + 30_000;
    while (modelCalls() < n && Date.now() < until) await sleep(5);
    return modelCalls();
  };

  it("answers B's turn while A's backlog waits: A holds at most half the slots", async () => {
    const { a, b } = await start({ CLARA_CHAT_CONCURRENCY: '4' });
    const url = server?.url ?? '';
    for (let i = 0; i < 8; i++) turns.push(ask(url, a));
    expect(await waitForModelCalls(2)).toBeGreaterThanOrEqual(2); // A's share: 2 of the 4 slots
    const bTurn = ask(url, b);
    turns.push(bTurn);
    // With one first-in, first-out queue A's 8 turns took all 4 slots and the next 4 waited ahead
    // of B: a third model call came while B still waited (until A's model answers).
    const first = await firstOf(bTurn, 3);
    expect(first).toEqual({ answered: true, modelCalls: 2 });
    const reply = await bTurn;
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { message: { content: string } }).message.content).toContain(
      'Nine to five.',
    );
    open();
    const statuses = await Promise.all(turns.slice(0, 8).map(async (turn) => (await turn).status));
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it("admits B's turn before A's backlog drains when A may use every slot (round-robin)", async () => {
    // A may hold both slots: only the order in which freed slots are given keeps B's wait short.
    const { a, b } = await start({ CLARA_CHAT_CONCURRENCY: '2', CLARA_CHAT_CONCURRENCY_PER_WORKSPACE: '2' });
    const url = server?.url ?? '';
    // Each of A's answers waits at a gate of its own (the k-th model call takes the k-th), so the
    // test frees one slot at a time.
    const count = 8;
    const gates = Array.from({ length: count }, () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      return { gate, release };
    });
    fake.script(
      ...gates.map(({ gate }) => ({ type: 'reply' as const, text: 'We open at nine.', gate, gateAfter: 0 })),
    );
    for (let i = 0; i < count; i++) turns.push(ask(url, a));
    expect(await waitForModelCalls(2)).toBe(2); // both slots held by A, the other 6 queued
    const bTurn = ask(url, b);
    turns.push(bTurn);
    // Free A's slots one by one. Round-robin gives B the first slot freed after it queued; one
    // first-in, first-out queue gave every one of them to A's older turns, and B came last.
    let answered = false;
    for (let k = 0; k < count && !answered; k++) {
      gates[k]?.release();
      ({ answered } = await firstOf(bTurn, Math.min(count, k + 3)));
    }
    expect(answered).toBe(true);
    const startedBeforeB = modelCalls();
    expect(startedBeforeB).toBeLessThan(count); // B answered while some of A's turns had not started
    expect((await bTurn).status).toBe(200);
    open();
    for (const { release } of gates) release();
    const statuses = await Promise.all(turns.slice(0, count).map(async (turn) => (await turn).status));
    expect(statuses).toEqual(Array(count).fill(200));
    expect(modelCalls()).toBe(count); // one model call per turn (the gates matched the turns)
  });
});
