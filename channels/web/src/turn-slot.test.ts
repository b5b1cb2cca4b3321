import { randomUUID } from 'node:crypto';
import { ClaraError, parseSettings, type TurnEvent, type TurnInput } from '@clara/core';
import { describe, expect, it } from 'vitest';
import { createWebChannel, type TurnSlot } from './create-web-channel';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** How the test engine's next streamed turn goes after its first event. */
type Script = { kind: 'end' | 'fail-mid' | 'fail-first'; gate: Promise<void> };

/**
 * The web channel with one slot (a turn waits until the one before it releases), a store that
 * knows one workspace, a rate limit that refuses one session, and an engine whose streamed turns
 * stall at a gate (or until the request's signal aborts, as the host aborts it when the client
 * goes away). `running` counts turns between their start and their end: with one slot, never two.
 */
function setup() {
  const workspaceId = randomUUID();
  const limitedSession = randomUUID();
  let holder = false;
  const waiting: (() => void)[] = [];
  let running = 0;
  let mostRunning = 0;
  const scripts: Script[] = [];
  const admit = async (): Promise<TurnSlot> => {
    while (holder) await new Promise<void>((resolve) => waiting.push(resolve));
    holder = true;
    return {
      release() {
        holder = false;
        waiting.shift()?.();
      },
    };
  };
  const started = () => {
    running++;
    mostRunning = Math.max(mostRunning, running);
  };
  const channel = createWebChannel({
    engine: {
      async turn(input) {
        started();
        running--;
        return {
          message: {
            message_id: input.messageId,
            role: 'assistant',
            content: 'Nine to five.',
            timestamp: new Date().toISOString(),
            suggestion_chips: [],
            gap_detected: false,
            matched_qa_ids: [],
            confidence: 0.9,
            escalation_offered: false,
          },
          replay: false,
          mode: 'extractive',
        };
      },
      async *stream(input: TurnInput, options): AsyncGenerator<TurnEvent> {
        const script = scripts.shift() ?? { kind: 'end', gate: Promise.resolve() };
        started();
        try {
          if (script.kind === 'fail-first') throw new ClaraError('internal', 'The model broke.');
          yield {
            type: 'meta',
            message_id: input.messageId,
            session_token: input.sessionToken,
            mode: 'llm',
            replay: false,
          };
          yield { type: 'delta', text: 'We open ' };
          const aborted = new Promise<void>((resolve) =>
            options?.signal?.addEventListener('abort', () => resolve()),
          );
          await Promise.race([script.gate, aborted]);
          if (script.kind === 'fail-mid') throw new ClaraError('internal', 'The model broke.');
          yield { type: 'delta', text: 'at nine.' };
        } finally {
          running--;
        }
      },
    },
    store: {
      getWorkspace: async (id) =>
        id === workspaceId ? { id, name: 'Slots', settings: parseSettings({}) } : null,
      history: async () => [],
    },
    describeError: (error) => ({ code: 'internal', message: error instanceof Error ? error.message : '?' }),
    rateLimit: (request) => (request.sessionToken === limitedSession ? 7 : null),
    admit,
  });

  const chat = (accept: string, body: Record<string, string> = {}, signal?: AbortSignal) =>
    channel.handle(
      new Request('http://clara.test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({
          workspace_id: workspaceId,
          session_token: randomUUID(),
          message_id: randomUUID(),
          message: 'When are you open?',
          ...body,
        }),
        ...(signal ? { signal } : {}),
      }),
      { clientIp: '127.0.0.1' },
    );

  /** A gated streamed turn: `open` lets it go on after its first words. */
  const script = (kind: Script['kind']) => {
    let open = () => {};
    scripts.push({ kind, gate: new Promise<void>((resolve) => (open = resolve)) });
    return open;
  };

  /** A JSON turn, and whether it has been answered yet. */
  const jsonTurn = () => {
    const state = { answered: false, response: chat('application/json') };
    state.response.then(
      () => (state.answered = true),
      () => (state.answered = true),
    );
    return state;
  };

  return { chat, script, jsonTurn, limitedSession, mostRunning: () => mostRunning };
}

const readAll = async (response: Response) => await response.text();

describe('web channel: a turn holds its slot until it ends', () => {
  it('holds the slot while a stream runs, and frees it once when the stream ends', async () => {
    const t = setup();
    const open = t.script('end');
    const streamed = await t.chat('text/event-stream'); // answered at its first event
    expect(streamed.status).toBe(200);
    const next = t.jsonTurn();
    await tick();
    expect(next.answered).toBe(false); // the stream still runs: no slot for the next turn
    open();
    expect(await readAll(streamed)).toContain('at nine.');
    expect((await next.response).status).toBe(200);
    const after = [t.jsonTurn(), t.jsonTurn()]; // a slot released twice would run these at once
    for (const turn of after) expect((await turn.response).status).toBe(200);
    expect(t.mostRunning()).toBe(1);
  });

  it('frees the slot when a stream fails mid-answer, and when it fails before its first event', async () => {
    const t = setup();
    const open = t.script('fail-mid');
    const streamed = await t.chat('text/event-stream');
    const next = t.jsonTurn();
    await tick();
    expect(next.answered).toBe(false);
    open();
    expect(await readAll(streamed)).toContain('event: error');
    expect((await next.response).status).toBe(200);
    t.script('fail-first');
    await expect(t.chat('text/event-stream')).rejects.toThrow('The model broke.');
    expect((await t.jsonTurn().response).status).toBe(200);
    expect(t.mostRunning()).toBe(1);
  });

  it('frees the slot when the client goes away mid-stream (the host aborts the request)', async () => {
    const t = setup();
    t.script('end'); // never opened: only the abort ends this turn
    const leave = new AbortController();
    const streamed = await t.chat('text/event-stream', {}, leave.signal);
    const reader = (streamed.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const next = t.jsonTurn();
    await tick();
    expect(next.answered).toBe(false);
    leave.abort();
    await reader.cancel();
    expect((await next.response).status).toBe(200);
    expect(t.mostRunning()).toBe(1);
  });

  it('refuses an unknown workspace and a client past its rate limit without waiting for the slot', async () => {
    const t = setup();
    const open = t.script('end');
    const streamed = await t.chat('text/event-stream'); // holds the only slot
    const unknown = await t.chat('application/json', { workspace_id: randomUUID() }).catch((e: unknown) => e);
    expect((unknown as ClaraError).code).toBe('workspace_not_found');
    const limited = await t
      .chat('application/json', { session_token: t.limitedSession })
      .catch((e: unknown) => e);
    expect((limited as ClaraError).code).toBe('rate_limited');
    open();
    expect(await readAll(streamed)).toContain('at nine.');
  });
});
