import { expect, it } from 'vitest';
import type { ChatEngine } from '../../engine/chat-engine';
import type { TurnEvent, TurnInput } from '../../engine/turn-types';
import { ClaraError } from '../../errors';
import type { AssistantMessage } from '../../schemas/chat-message';
import type { Channel } from '../channel';

/** The one grounded pair the contract engine answers from. */
export const contractPair = {
  id: '0b7d6c1e-3c1a-4f0e-9d2b-6a5e4c3b2a19',
  question: 'What are your opening hours?',
  answer: 'We are open 9 to 5, Monday to Friday.',
};

/**
 * A working in-memory engine for the contract: every question gets the contract pair's answer,
 * through `turn` and through `stream` alike; each turn's input is kept for the assertions.
 */
export function createContractEngine(): { engine: Pick<ChatEngine, 'turn' | 'stream'>; turns: TurnInput[] } {
  const turns: TurnInput[] = [];
  const reply = (input: TurnInput): AssistantMessage => ({
    message_id: input.messageId,
    role: 'assistant',
    content: contractPair.answer,
    timestamp: new Date().toISOString(),
    suggestion_chips: [],
    gap_detected: false,
    matched_qa_ids: [contractPair.id],
    confidence: 0.93,
    escalation_offered: false,
  });
  return {
    turns,
    engine: {
      async turn(input) {
        turns.push(input);
        return { message: reply(input), replay: false, mode: 'extractive' };
      },
      async *stream(input): AsyncGenerator<TurnEvent> {
        turns.push(input);
        yield {
          type: 'meta',
          message_id: input.messageId,
          session_token: input.sessionToken,
          mode: 'extractive',
          replay: false,
        };
        yield { type: 'delta', text: contractPair.answer };
        yield { type: 'done', message: reply(input) };
      },
    },
  };
}

/** How the contract drives one channel: requests as its platform sends them, and what the person saw. */
export interface ChannelContractDriver {
  /** The channel under test, built on the contract engine. */
  channel: Channel;
  /** Turns seen by the contract engine the channel was built on. */
  turns: TurnInput[];
  /** A request asking `question` in a new conversation, as the platform sends it (signed where it signs). */
  ask(question: string): Request | Promise<Request>;
  /** The answer text the person saw, once the channel delivered it (in the response or through the platform's API). */
  answerSeen(response: Response): Promise<string>;
  /** A request the platform would never send: unsigned, or not in its format. */
  refused(): Request | Promise<Request>;
}

/**
 * The contract every channel passes (call it inside a `describe`). A new channel is one new
 * adapter that implements `Channel` and runs this suite with its driver.
 */
export function channelContract(name: string, driver: () => ChannelContractDriver): void {
  it('names itself and the routes a host mounts', () => {
    const { channel } = driver();
    expect(channel.name).toBe(name);
    expect(channel.routes.length).toBeGreaterThan(0);
    for (const route of channel.routes) {
      expect(['GET', 'POST']).toContain(route.method);
      expect(route.path.startsWith('/')).toBe(true);
    }
  });

  it('answers a question with the grounded answer, in a turn tagged with its channel', async () => {
    const d = driver();
    const before = d.turns.length;
    const response = await d.channel.handle(await d.ask(contractPair.question), { clientIp: '127.0.0.1' });
    expect(response.status).toBeLessThan(300);
    expect(await d.answerSeen(response)).toContain(contractPair.answer);
    const turn = d.turns.at(-1);
    expect(d.turns.length).toBe(before + 1);
    expect(turn?.message).toBe(contractPair.question);
    expect(turn?.sessionMetadata).toMatchObject({ channel: name });
    expect(turn?.sessionToken.length).toBeGreaterThan(0);
  });

  it('gives each conversation its own session', async () => {
    const d = driver();
    await d.answerSeen(await d.channel.handle(await d.ask(contractPair.question), { clientIp: '127.0.0.1' }));
    await d.answerSeen(await d.channel.handle(await d.ask(contractPair.question), { clientIp: '127.0.0.1' }));
    const [a, b] = d.turns.slice(-2);
    expect(a?.sessionToken).not.toBe(b?.sessionToken);
  });

  it('refuses a request its platform would never send with a 4xx ClaraError, not a 5xx', async () => {
    const d = driver();
    const before = d.turns.length;
    const error = await d.channel.handle(await d.refused(), { clientIp: '127.0.0.1' }).then(
      (response) => new Error(`answered ${response.status}`),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ClaraError);
    expect(['internal', 'unavailable']).not.toContain((error as ClaraError).code);
    expect(d.turns.length).toBe(before);
  });
}
