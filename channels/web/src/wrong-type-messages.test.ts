import { randomUUID } from 'node:crypto';
import { ClaraError, parseSettings } from '@clara/core';
import { createContractEngine } from '@clara/core/testing/channels';
import { describe, expect, it } from 'vitest';
import { createWebChannel } from './create-web-channel';

const { engine } = createContractEngine();
const channel = createWebChannel({
  engine,
  store: {
    getWorkspace: async (id) => ({ id, name: 'Types', settings: parseSettings({}) }),
    history: async () => [],
  },
  describeError: (error) => ({ code: 'internal', message: String(error) }),
});

const post = (body: unknown) =>
  channel
    .handle(
      new Request('http://clara.test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      }),
      { clientIp: '127.0.0.1' },
    )
    .catch((error: unknown) => error);

const ids = () => ({ workspace_id: randomUUID(), session_token: randomUUID(), message_id: randomUUID() });

describe('a field of the wrong type is named as such, not as missing', () => {
  it('answers with the contract’s message for a present field of the wrong type', async () => {
    for (const [body, message] of [
      [[], 'the body must be a JSON object'],
      [{ ...ids(), message: { text: 'hi' } }, 'message must be a string'],
      [{ ...ids(), message: 'hi', visitor: null }, 'visitor must be an object'],
      [{ ...ids(), message: 'hi', visitor: { name: 5 } }, 'visitor.name must be a string'],
    ] as const) {
      const refused = await post(body);
      expect(refused).toBeInstanceOf(ClaraError);
      expect((refused as ClaraError).code).toBe('validation_failed');
      expect((refused as ClaraError).message).toBe(message);
    }
  });

  it('still says "is required" for a field that is absent', async () => {
    const { workspace_id, session_token } = ids();
    const refused = await post({ workspace_id, session_token, message: 'hi' });
    expect((refused as ClaraError).message).toBe('message_id is required');
  });
});
