import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A streamed (SSE) turn holds its slot until its stream ends, not only until its first event:
 * the model writes most of its answer after that. One slot (CLARA_CHAT_CONCURRENCY=1); workspace
 * A's key is on the fake OpenAI, which sends the first words at once and then stalls at a gate;
 * workspace B has no key (a quick extractive answer), and its turn waits at most 300 ms.
 */
describe('POST /api/chat (SSE) holds its slot until the stream ends', () => {
  let server: TestServer;
  let fake: FakeProviderServer;
  let a: string;
  let b: string;
  const gates: (() => void)[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAi('From our notes: we open at nine.');
    server = await startTestServer({
      env: {
        OPENAI_BASE_URL: fake.baseURL,
        CLARA_CHAT_CONCURRENCY: '1',
        CLARA_CHAT_QUEUE_MS: '300',
        // The gate, not a time limit, ends the slow answers.
        CLARA_LLM_TIMEOUT_MS: '120000',
        CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: '120000',
      },
    });
    a = (await server.createWorkspace()).workspaceId;
    b = (await server.createWorkspace()).workspaceId;
    await server.addPairs(b, [
      { question: 'What are your opening hours?', answer: 'Nine to five.', category: 'Hours' },
    ]);
    await keysCommand(server.runtime, 'add', {
      workspace: a,
      provider: 'openai',
      model: 'gpt-4o-mini',
      key: 'sk-test-sse-admission-0000',
      default: true,
    });
  });
  afterAll(async () => {
    for (const open of gates) open();
    await server?.close();
    await fake?.close();
  });

  /** The fake's next answer: its first words at once, the rest when the returned function is called. */
  const stallAfterFirstWords = () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    gates.push(open);
    fake.script({ type: 'reply', text: 'We open at nine every day of the week.', gate, gateAfter: 1 });
    return open;
  };

  const turn = (workspaceId: string, accept: string, signal?: AbortSignal) =>
    fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: randomUUID(),
        message_id: randomUUID(),
        message: 'What are your opening hours?',
      }),
      ...(signal ? { signal } : {}),
    });

  /** Reads an SSE body until `until` appears (or it ends); returns what was read. */
  const readUntil = async (reader: ReadableStreamDefaultReader<Uint8Array>, until: string) => {
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(until)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text;
  };

  /** B's turn, asked until it is admitted (each try waits at most 300 ms for the slot). */
  const bAdmitted = async () => {
    const until = Date.now() + 30_000;
    for (;;) {
      const reply = await turn(b, 'application/json');
      if (reply.status !== 503 || Date.now() > until) return reply;
      await reply.body?.cancel();
      await sleep(20);
    }
  };

  it('admits no other turn while the model still streams, and the next one once it ended', async () => {
    const open = stallAfterFirstWords();
    const streamed = await turn(a, 'text/event-stream');
    expect(streamed.status).toBe(200);
    const reader = (streamed.body as ReadableStream<Uint8Array>).getReader();
    const head = await readUntil(reader, 'event: delta');
    expect(head).toContain('event: delta'); // the answer has started; the model stalls mid-answer
    // Released at the first event, the slot let B's turn in here while A's model still wrote.
    const waited = await turn(b, 'application/json');
    expect(waited.status).toBe(503);
    expect(waited.headers.get('retry-after')).toBe('1');
    open();
    const rest = await readUntil(reader, 'event: done');
    expect(rest).toContain('event: done');
    expect(`${head}${rest}`).toContain('every day of the week.');
    const reply = await bAdmitted();
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { message: { content: string } }).message.content).toContain(
      'Nine to five.',
    );
  });

  it('frees the slot when the client goes away mid-stream', async () => {
    stallAfterFirstWords(); // never opened: only the client's leaving ends this turn
    const leave = new AbortController();
    const streamed = await turn(a, 'text/event-stream', leave.signal);
    expect(streamed.status).toBe(200);
    const reader = (streamed.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(reader, 'event: delta')).toContain('event: delta');
    expect((await turn(b, 'application/json')).status).toBe(503); // the stream holds the slot
    leave.abort();
    await reader.read().catch(() => undefined);
    // The provider call is cancelled, the turn stored with its extractive answer, the slot freed.
    const reply = await bAdmitted();
    expect(reply.status).toBe(200);
    // And held again by the next turn, then freed: a slot released twice would admit two at once.
    const open = stallAfterFirstWords();
    const next = await turn(a, 'text/event-stream');
    const nextReader = (next.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(nextReader, 'event: delta')).toContain('event: delta');
    expect((await turn(b, 'application/json')).status).toBe(503);
    open();
    expect(await readUntil(nextReader, 'event: done')).toContain('event: done');
    expect((await bAdmitted()).status).toBe(200);
  });
});
