import { createChatClient, type SseEvent, shownText } from '@clara/testkit/chat-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type LlmHarness, startLlmHarness } from '../../test/resilience/harness';
import type { ShutdownResult } from '../server';

const answer = 'We ship to 30 countries, France included. Delivery takes about a week.';
let h: LlmHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** What a new connection to `url` gets: a status, or the connection error's code. */
async function connect(url: string): Promise<number | string> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

describe('graceful shutdown (in process, the real server)', () => {
  it('refuses new connections at once, lets a streaming answer finish and store, then resolves', async () => {
    h = await startLlmHarness();
    const harness = h;
    const client = createChatClient(() => harness.server.url);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The provider sends two chunks, then holds the rest until released.
    harness.fake.script({ type: 'reply', text: answer, gate, gateAfter: 2 });
    const turn = client.turn(harness.workspaceId, 'Do you ship internationally, to France for example?');

    let shutdown: Promise<ShutdownResult> | undefined;
    let settledBeforeRelease = false;
    let newConnection: number | string = 'not tried';
    const { status, events } = await client.sse(turn, async (e: SseEvent) => {
      if (e.event !== 'delta' || shutdown) return;
      shutdown = harness.server.shutdown(10_000);
      void shutdown.then(() => (settledBeforeRelease = true));
      newConnection = await connect(harness.server.url);
      expect(harness.server.runtime.lifecycle.draining).toBe(true);
      // The request and its turn are still in flight.
      expect(harness.server.runtime.lifecycle.inFlight).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settledBeforeRelease).toBe(false);
      release();
    });

    expect(status).toBe(200);
    expect(newConnection).toBe('ECONNREFUSED');
    expect(events.at(-1)?.event).toBe('done');
    expect(events.some((e) => e.event === 'reset')).toBe(false);
    expect(shownText(events)).toBe(answer);
    const result = await shutdown;
    expect(result).toMatchObject({ drained: true, abandoned: 0 });
    // Stored before the database is closed (the harness closes it afterwards).
    const history = await harness.server.runtime.store.history(harness.workspaceId, turn.session_token);
    expect(history.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Do you ship internationally, to France for example?'],
      ['assistant', answer],
    ]);
  }, 60_000);

  it('is bounded: after the timeout what is left is cut, and the turn still completes', async () => {
    h = await startLlmHarness({ CLARA_LLM_TIMEOUT_MS: '1500', CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: '1000' });
    const harness = h;
    const client = createChatClient(() => harness.server.url);
    // The provider sends one chunk, then stalls with the connection open.
    harness.fake.script({ type: 'reply', text: answer, hangAfter: 1 });
    const turn = client.turn(harness.workspaceId, 'Do you ship internationally, to France for example?');

    let shutdown: Promise<ShutdownResult> | undefined;
    const streamed = client.sse(turn, (e) => {
      if (e.event === 'delta' && !shutdown) shutdown = harness.server.shutdown(300);
    });
    await expect(streamed).rejects.toThrow();
    const result = await shutdown;
    expect(result?.drained).toBe(false);
    expect(result?.abandoned).toBeGreaterThanOrEqual(1);
    expect(result?.ms).toBeGreaterThanOrEqual(290);
    expect(result?.ms).toBeLessThan(1_500);
    // The cut request's turn is not lost: the language model times out and the extractive answer is stored.
    expect(await harness.server.runtime.lifecycle.idle(10_000)).toBe(true);
    const history = await harness.server.runtime.store.history(harness.workspaceId, turn.session_token);
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant']);
  }, 60_000);
});
