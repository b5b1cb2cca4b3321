import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import {
  type FakeBotConnector,
  newConversation,
  newUser,
  startFakeBotConnector,
  teamsActivities,
} from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairs } from '../../test/resilience/harness';
import { createWorkspaceWithId, newWorkspaceId, postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// A Teams answer slower than the ack window is delivered after the HTTP 200: shutdown must wait for it.
const workspaceId = newWorkspaceId();
const answer = 'I do not know that yet, so I have passed your question on to the team.';
let connector: FakeBotConnector;
let fake: FakeProviderServer;
let server: TestServer;

beforeAll(async () => {
  [connector, fake] = await Promise.all([startFakeBotConnector(), startFakeOpenAi()]);
  server = await startTestServer({ env: { TEAMS_WORKSPACE_ID: workspaceId, OPENAI_BASE_URL: fake.baseURL } });
  await createWorkspaceWithId(server, workspaceId);
  await server.addPairs(workspaceId, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-TEAMS-SHUTDOWN-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await Promise.all([connector?.close(), fake?.close()]);
});

describe('graceful shutdown with a Teams answer delivered after the acknowledgement', () => {
  it('waits until the answer is sent to the conversation', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.script({ type: 'reply', text: answer, gate, gateAfter: 2 });
    const a = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-shutdown-bot' });
    const activity = a.message(
      newConversation('personal'),
      newUser('Ada'),
      'Do you sponsor hackathons for students?',
    );
    const ack = await postActivity(server, activity);
    expect(ack.status).toBe(200);
    // Acknowledged while the model is held mid-answer by the gate.
    await expect.poll(() => fake.requests.length, { timeout: 10_000 }).toBe(1);
    expect(connector.calls.filter((c) => c.activity.type === 'message')).toHaveLength(0);
    let resolved = false;
    const shutdown = server.shutdown(10_000).then((result) => {
      resolved = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resolved).toBe(false);
    release();
    expect(await shutdown).toMatchObject({ drained: true, abandoned: 0 });
    // Sent before shutdown resolved.
    const sent = connector.calls.find((c) => c.replyToId === activity.id && c.activity.type === 'message');
    expect(sent?.activity.text).toBe(answer);
  }, 60_000);
});
