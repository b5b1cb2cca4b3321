import { parseSettings } from '@clara/core';
import { channelContract, createContractEngine } from '@clara/core/testing/channels';
import {
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTeamsChannel } from './create-teams-channel';

const workspaceId = '11111111-2222-4333-8444-555555555555';
const { engine, turns } = createContractEngine();
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const claimed = new Set<string>();
const channel = createTeamsChannel({
  engine,
  store: { getWorkspace: async (id) => ({ id, name: 'Contract', settings: parseSettings({}) }) },
  // No bot registered: the Bot Framework Emulator's unauthenticated mode, answering from this workspace.
  credentials: { find: async () => null, hasAny: async () => false },
  emulatorWorkspaceId: workspaceId,
  events: {
    claim: async (id) => !claimed.has(id) && Boolean(claimed.add(id)),
    release: async (id) => void claimed.delete(id),
  },
  logger: silent,
});
let connector: FakeBotConnector;
let lastConversation = '';

beforeAll(async () => {
  connector = await startFakeBotConnector();
});

afterAll(async () => {
  await connector.close();
});

const request = (body: unknown) =>
  new Request('http://clara.test/teams/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Teams channel: the channel contract', () => {
  channelContract('teams', () => ({
    channel,
    turns,
    ask(question) {
      const activities = teamsActivities({ serviceUrl: connector.url, botId: '28:contract-bot' });
      const conversation = newConversation('personal');
      lastConversation = conversation.id;
      return request(activities.message(conversation, newUser('Ann'), question));
    },
    async answerSeen() {
      const id = lastConversation;
      const call = await connector.waitFor((c) => c.conversationId === id && c.activity.type === 'message');
      return JSON.stringify(call.activity);
    },
    // Not an activity: no `type`.
    refused: () => request({ text: 'hello' }),
  }));
});
