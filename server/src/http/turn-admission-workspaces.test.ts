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
  const opens: (() => void)[] = [];

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
    for (const release of opens.splice(0)) release();
    await Promise.allSettled(turns.splice(0));
    await server?.close();
    server = undefined;
    await fake?.close();
  });

  const ask = (url: string, workspaceId: string, session = randomUUID()) =>
    fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: session,
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

  /** One gate per model call, in order (the k-th call waits at the k-th), to free one slot at a time. */
  const gatesFor = (count: number) => {
    const gates = Array.from({ length: count }, () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      opens.push(release);
      return { gate, release };
    });
    fake.script(
      ...gates.map(({ gate }) => ({ type: 'reply' as const, text: 'We open at nine.', gate, gateAfter: 0 })),
    );
    return gates;
  };

  it("lets A alone use every slot, and gives B a slot freed before A's backlog", async () => {
    const { a, b } = await start({ CLARA_CHAT_CONCURRENCY: '4' }); // A's share: 2 of the 4
    const url = server?.url ?? '';
    const count = 8;
    const gates = gatesFor(count);
    for (let i = 0; i < count; i++) turns.push(ask(url, a));
    // No other workspace asks: A's turns take all 4 slots (a hard cap of 2 left 2 idle).
    expect(await waitForModelCalls(4)).toBe(4);
    const bTurn = ask(url, b);
    turns.push(bTurn);
    await sleep(200); // B's turn reaches its line
    // A's slots freed one by one: the first goes to B (A holds 3 while B waits), not to A's backlog.
    let answered = false;
    for (let k = 0; k < count && !answered; k++) {
      gates[k]?.release();
      ({ answered } = await firstOf(bTurn, Math.min(count, k + 5)));
    }
    expect(answered).toBe(true);
    expect(modelCalls()).toBeLessThan(count); // B answered while some of A's turns had not started
    const reply = await bTurn;
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { message: { content: string } }).message.content).toContain(
      'Nine to five.',
    );
    open();
    for (const { release } of gates) release();
    const statuses = await Promise.all(turns.slice(0, count).map(async (turn) => (await turn).status));
    expect(statuses).toEqual(Array(count).fill(200));
  });

  it('refuses turns of made-up workspaces and past the rate limit at once, without a slot', async () => {
    const { a, b } = await start({
      CLARA_CHAT_CONCURRENCY: '1',
      CLARA_CHAT_QUEUE_MS: '10000',
      CLARA_CHAT_RATE_PER_SESSION: '1',
    });
    const url = server?.url ?? '';
    turns.push(ask(url, a));
    expect(await waitForModelCalls(1)).toBe(1); // A's turn holds the only slot
    const session = randomUUID();
    const bTurn = ask(url, b, session);
    turns.push(bTurn); // waits for the slot
    await sleep(200);
    // A flood of made-up workspace ids: each is refused without waiting for a slot (when they took
    // one before the lookup, each formed a line of its own and won the freed slot over B's turn).
    const startedAt = Date.now();
    const madeUp = await Promise.all(Array.from({ length: 20 }, () => ask(url, randomUUID())));
    expect(madeUp.map((r) => r.status)).toEqual(Array(20).fill(404));
    expect(await madeUp[0]?.json()).toEqual({
      error: { code: 'workspace_not_found', message: 'No workspace has this id.' },
    });
    // A second message in B's session is past its limit (1 a minute): 429 at once, no slot.
    const limited = await ask(url, b, session);
    expect(limited.status).toBe(429);
    expect(Date.now() - startedAt).toBeLessThan(5000); // refused, not queued (a queued turn: 10 s)
    open();
    expect((await turns[0])?.status).toBe(200);
    expect((await bTurn).status).toBe(200); // B's waiting turn was not displaced
  });

  it("admits B's turn before A's backlog drains when A may use every slot (round-robin)", async () => {
    // A may hold both slots: only the order in which freed slots are given keeps B's wait short.
    const { a, b } = await start({ CLARA_CHAT_CONCURRENCY: '2', CLARA_CHAT_CONCURRENCY_PER_WORKSPACE: '2' });
    const url = server?.url ?? '';
    // Each of A's answers waits at a gate of its own (the k-th model call takes the k-th), so the
    // test frees one slot at a time.
    const count = 8;
    const gates = gatesFor(count);
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
