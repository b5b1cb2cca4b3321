import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';
import { createTurnAdmission } from './turn-admission';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const granted = (slot: unknown): slot is { release(): void } =>
  typeof slot === 'object' && slot !== null && 'release' in slot;

const ws = 'workspace-a';

describe('chat turn admission', () => {
  it('runs `concurrency` turns at once and the rest of a workspace in arrival order', async () => {
    const admission = createTurnAdmission({ concurrency: 2, perWorkspace: 2, maxQueueMs: 0 });
    const order: number[] = [];
    const slots = await Promise.all([admission.acquire(ws), admission.acquire(ws)]);
    const waiting = [1, 2, 3].map((n) =>
      admission.acquire(ws).then((slot) => {
        order.push(n);
        return slot;
      }),
    );
    expect([admission.inFlight, admission.queued]).toEqual([2, 3]);
    for (const slot of slots) if (granted(slot)) slot.release();
    const next = await Promise.all(waiting.slice(0, 2));
    expect(order).toEqual([1, 2]);
    const first = next[0];
    if (granted(first)) {
      first.release();
      first.release(); // twice is once
    }
    const last = await waiting[2];
    expect(order).toEqual([1, 2, 3]);
    for (const slot of [next[1], last]) if (granted(slot)) slot.release();
    expect([admission.inFlight, admission.queued]).toEqual([0, 0]);
  });

  it('refuses a turn that waited maxQueueMs, and new ones at once while the queue stands still', async () => {
    let t = 0;
    const admission = createTurnAdmission({ concurrency: 1, maxQueueMs: 60, now: () => t });
    const held = await admission.acquire(ws);
    const waiting = admission.acquire(ws);
    t = 29;
    const early = admission.acquire(ws); // the oldest has waited less than half: queued
    t = 30;
    expect(await admission.acquire(ws)).toEqual({ retryAfterSeconds: 1 });
    expect(await waiting).toEqual({ retryAfterSeconds: 1 });
    expect(await early).toEqual({ retryAfterSeconds: 1 });
    expect(admission.queued).toBe(0);
    if (granted(held)) held.release();
    expect(admission.inFlight).toBe(0);
    expect(granted(await admission.acquire(ws))).toBe(true);
  });

  it('lets a workspace alone use every slot, and gives the next freed one to a workspace that waits', async () => {
    const admission = createTurnAdmission({ concurrency: 4, maxQueueMs: 0 }); // share: 2
    const asked = [1, 2, 3, 4].map(() => admission.acquire('a'));
    expect([admission.inFlight, admission.queued]).toEqual([4, 0]); // no slot idle while only a asks
    const a = await Promise.all(asked);
    const order: string[] = [];
    const queue = (workspace: string, name: string) =>
      admission.acquire(workspace).then((slot) => {
        order.push(name);
        return slot;
      });
    const a5 = queue('a', 'a5');
    const b1 = queue('b', 'b1');
    if (granted(a[0])) a[0].release();
    await b1; // the freed slot goes to b, not to a's older a5: a holds 3 while b waits
    expect(order).toEqual(['b1']);
    expect([admission.inFlight, admission.queued]).toEqual([4, 1]);
    if (granted(a[1])) a[1].release();
    await a5; // no other workspace waits: a takes a slot past its share
    expect(order).toEqual(['b1', 'a5']);
    for (const slot of [a[2], a[3], await a5, await b1]) if (granted(slot)) slot.release();
    expect([admission.inFlight, admission.queued]).toEqual([0, 0]);
  });

  it('keeps a workspace at its share from taking a free slot while another workspace waits', async () => {
    const admission = createTurnAdmission({ concurrency: 4, perWorkspace: 1, maxQueueMs: 50, now: () => 0 });
    // Alone in turn, a and b each take slots past their share of 1: no one waits.
    const [a1, a2, b1, b2] = await Promise.all(['a', 'a', 'b', 'b'].map((w) => admission.acquire(w)));
    expect([a1, a2, b1, b2].every(granted)).toBe(true);
    const a3 = admission.acquire('a');
    const b3 = admission.acquire('b');
    if (granted(a1)) a1.release();
    // a (1 in progress) and b (2) are at their share and each waits beside the other: the freed
    // slot is kept for a workspace under its share.
    expect([admission.inFlight, admission.queued]).toEqual([3, 2]);
    const c1 = await admission.acquire('c');
    expect(granted(c1)).toBe(true);
    if (granted(c1)) c1.release();
    expect([admission.inFlight, admission.queued]).toEqual([3, 2]);
    // a3 times out (50 ms): b is left alone in line and takes the free slot past its share.
    expect(await a3).toEqual({ retryAfterSeconds: 1 });
    const b = await b3;
    expect(granted(b)).toBe(true);
    for (const slot of [a2, b1, b2, b]) if (granted(slot)) slot.release();
    expect([admission.inFlight, admission.queued]).toEqual([0, 0]);
  });

  it('gives freed slots round-robin across workspaces, not in overall arrival order', async () => {
    const admission = createTurnAdmission({ concurrency: 2, perWorkspace: 2, maxQueueMs: 0 });
    const held = await Promise.all([admission.acquire('a'), admission.acquire('a')]);
    const order: string[] = [];
    const queue = (workspace: string, name: string) =>
      admission.acquire(workspace).then((slot) => {
        order.push(name);
        return slot;
      });
    // Arrival order: a3, a4 (the busy workspace's backlog), then b1, then c1.
    const waiting = {
      a3: queue('a', 'a3'),
      a4: queue('a', 'a4'),
      b1: queue('b', 'b1'),
      c1: queue('c', 'c1'),
    };
    const release = async (slot: Promise<unknown> | unknown) => {
      const s = await slot;
      if (granted(s)) s.release();
    };
    await release(held[0]);
    await waiting.b1; // the freed slot goes to b (nothing in progress), not to a's older a3
    await release(held[1]);
    await waiting.a3; // a and c have none in progress: a has waited longest in the round
    await release(waiting.b1);
    await waiting.c1; // c (none in progress) before a's second (a holds a3)
    await release(waiting.a3);
    await waiting.a4;
    expect(order).toEqual(['b1', 'a3', 'c1', 'a4']);
    await release(waiting.c1);
    await release(waiting.a4);
    expect([admission.inFlight, admission.queued]).toEqual([0, 0]);
  });

  it("refuses at once only behind a line that stands still: another workspace's backlog does not count", async () => {
    let t = 0;
    const admission = createTurnAdmission({ concurrency: 2, perWorkspace: 1, maxQueueMs: 60, now: () => t });
    const [a1, a2] = await Promise.all([admission.acquire('a'), admission.acquire('a')]); // a alone: both slots
    const a3 = admission.acquire('a'); // every slot busy: waits
    t = 30;
    expect(await admission.acquire('a')).toEqual({ retryAfterSeconds: 1 }); // a's own line stands still
    const b1 = admission.acquire('b'); // a's old backlog is not ahead of b or c: they wait
    const c1 = admission.acquire('c');
    expect(admission.queued).toBe(3);
    if (granted(a1)) a1.release();
    const b = await b1; // b (none in progress) before a's a3: a is at its share while b waits
    expect(granted(b)).toBe(true);
    if (granted(b)) b.release();
    const c = await c1;
    expect(granted(c)).toBe(true);
    expect(await a3).toEqual({ retryAfterSeconds: 1 }); // timed out after 60 ms of real time
    for (const slot of [a2, c]) if (granted(slot)) slot.release();
    expect([admission.inFlight, admission.queued]).toEqual([0, 0]);
  });
});

describe('POST /api/chat past capacity', () => {
  let server: TestServer;
  let fake: FakeProviderServer;
  let workspaceId: string;

  beforeAll(async () => {
    fake = await startFakeOpenAi('From our notes: we open at nine.');
    server = await startTestServer({
      env: { OPENAI_BASE_URL: fake.baseURL, CLARA_CHAT_CONCURRENCY: '1', CLARA_CHAT_QUEUE_MS: '50' },
    });
    ({ workspaceId } = await server.createWorkspace());
    await keysCommand(server.runtime, 'add', {
      workspace: workspaceId,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-admission-key-0000',
      default: true,
    });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  const ask = () =>
    fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: 'What are your opening hours?',
      }),
    });

  it('answers 503 unavailable with Retry-After while the one slot is busy, and serves again after', async () => {
    // The one turn in progress stalls in its model call, holding the only slot.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.script({ type: 'reply', text: 'We open at nine.', gate, gateAfter: 1 });
    const requestsBefore = fake.requests.length;
    const first = ask();
    const until = Date.now() + 10_000;
    while (fake.requests.length === requestsBefore && Date.now() < until) await sleep(10);
    const startedAt = Date.now();
    const queued = ask(); // waits 50 ms for the slot, then is refused
    await sleep(40);
    const refusedAtOnce = await ask(); // the queue has stood still for 40 ms: refused on arrival
    const refusedAtOnceMs = Date.now() - startedAt - 40;
    const timedOut = await queued;
    expect(refusedAtOnce.status).toBe(503);
    expect(refusedAtOnce.headers.get('retry-after')).toBe('1');
    expect(await refusedAtOnce.json()).toEqual({
      error: { code: 'unavailable', message: 'Clara is busy; try again in 1 s.' },
    });
    expect(refusedAtOnceMs).toBeLessThan(10_000);
    expect(timedOut.status).toBe(503);
    expect(timedOut.headers.get('retry-after')).toBe('1');
    // Shedding load is not a failure: no error log line for it.
    expect(server.logs.join('')).not.toContain('request failed');
    release();
    expect((await first).status).toBe(200);
    expect((await ask()).status).toBe(200);
  });
});
