import { randomUUID } from 'node:crypto';
import { parseSettings } from '@clara/core';
import { channelContract, createContractEngine } from '@clara/core/testing/channels';
import { describe } from 'vitest';
import { createWebChannel } from './create-web-channel';

const workspaceId = randomUUID();
const { engine, turns } = createContractEngine();
const channel = createWebChannel({
  engine,
  store: {
    getWorkspace: async (id) => ({ id, name: 'Contract', settings: parseSettings({}) }),
    history: async () => [],
  },
  describeError: (error) => ({ code: 'internal', message: String(error) }),
});

const post = (body: string, contentType: string) =>
  new Request('http://clara.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json' },
    body,
  });

describe('web channel: the channel contract', () => {
  channelContract('web', () => ({
    channel,
    turns,
    ask: (question) =>
      post(
        JSON.stringify({
          workspace_id: workspaceId,
          session_token: randomUUID(),
          message_id: randomUUID(),
          message: question,
        }),
        'application/json',
      ),
    answerSeen: async (response) =>
      ((await response.json()) as { message: { content: string } }).message.content,
    refused: () => post('hello', 'text/plain'),
  }));
});
