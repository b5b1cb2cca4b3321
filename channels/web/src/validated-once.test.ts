import { randomUUID } from 'node:crypto';
import { maxMessageLength } from '@clara/contract';
import { ClaraError, parseSettings, validatedTurn } from '@clara/core';
import { createContractEngine } from '@clara/core/testing/channels';
import { describe, expect, it } from 'vitest';
import { createWebChannel } from './create-web-channel';

const { engine, turns } = createContractEngine();
const channel = createWebChannel({
  engine,
  store: {
    getWorkspace: async (id) => ({ id, name: 'Once', settings: parseSettings({}) }),
    history: async () => [],
  },
  describeError: (error) => ({ code: 'internal', message: String(error) }),
});
const info = { clientIp: '127.0.0.1' };

const chat = (body: Record<string, unknown>) =>
  channel.handle(
    new Request('http://clara.test/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: randomUUID(),
        session_token: randomUUID(),
        message_id: randomUUID(),
        ...body,
      }),
    }),
    info,
  );

describe('a web message is validated once, at the boundary, against the contract', () => {
  it('hands the engine a validatedTurn: trimmed, with the visitor checked', async () => {
    const before = turns.length;
    const response = await chat({ message: '  When are you open?  ', visitor: { name: ' Ana ' } });
    expect(response.status).toBe(200);
    const turn = turns[before];
    expect(turn && validatedTurn in turn).toBe(true);
    expect(turn).toMatchObject({ message: 'When are you open?', visitor: { name: 'Ana' } });
  });

  it("refuses what the contract refuses before the engine is called, with the contract's message", async () => {
    const before = turns.length;
    for (const [body, message] of [
      [{ message: 'x'.repeat(maxMessageLength + 1) }, `message is over ${maxMessageLength} characters`],
      [{ message: 'a\u0000b' }, 'message holds a character that cannot be stored (NUL or a lone surrogate)'],
      [{ message: 'hi', visitor: { email: 'nope' } }, 'visitor.email is not an email address'],
    ] as const) {
      const refused = await chat(body).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ClaraError);
      expect((refused as ClaraError).code).toBe('validation_failed');
      expect((refused as ClaraError).message).toBe(message);
    }
    expect(turns.length).toBe(before);
  });
});
