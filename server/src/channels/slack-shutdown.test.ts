import { randomUUID } from 'node:crypto';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairs } from '../../test/resilience/harness';
import { postToSlack } from '../../test/slack-test-kit';
import { createWorkspaceWithId } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

// A Slack answer is produced after the HTTP ack: shutdown must wait for it to be posted.
const app = { token: 'xoxb-333-shutdown-token', secret: 'shutdown-signing-secret', teamId: 'T0SHUT' };
const bot = { botId: 'B0SHUT', botUserId: 'U0SHUT' };
const workspaceId = randomUUID();
// A question the knowledge base does not answer: the model writes the reply (the gap wording).
const answer = 'I do not know that yet, so I have passed your question on to the team, France included.';
let slack: FakeSlackApi;
let fake: FakeProviderServer;
let server: TestServer;

beforeAll(async () => {
  slack = await startFakeSlackApi([{ token: app.token, teamId: app.teamId, ...bot }]);
  fake = await startFakeOpenAi();
  server = await startTestServer({
    env: {
      SLACK_SIGNING_SECRET: app.secret,
      SLACK_BOT_TOKEN: app.token,
      SLACK_WORKSPACE_ID: workspaceId,
      SLACK_API_URL: slack.url,
      OPENAI_BASE_URL: fake.baseURL,
    },
  });
  await createWorkspaceWithId(server, workspaceId);
  await server.addPairs(workspaceId, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: workspaceId,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-SLACK-SHUTDOWN-0123456789',
    default: true,
  });
});

afterAll(async () => {
  await server?.close();
  await Promise.all([slack?.close(), fake?.close()]);
});

describe('graceful shutdown with a Slack answer in flight', () => {
  it('waits until the answer acked over HTTP is stored and posted to Slack', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.script({ type: 'reply', text: answer, gate, gateAfter: 2 });
    const ts = '1800000999.000100';
    const event = {
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${bot.botUserId}> Do you sponsor hackathons for students?`,
      ts,
      channel: 'C0GENERAL',
      event_ts: ts,
    };
    const ack = await postToSlack(server.url, app.secret, eventEnvelope(app.teamId, event));
    expect(ack.status).toBe(200);
    // The answer has started (the placeholder is up, the model is mid-answer, held by the gate) when the signal comes.
    await slack.waitFor('chat.postMessage', 1);
    await expect.poll(() => fake.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    let resolved = false;
    const shutdown = server.shutdown(10_000).then((result) => {
      resolved = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resolved).toBe(false);
    release();
    const result = await shutdown;
    expect(result).toMatchObject({ drained: true, abandoned: 0 });
    // Posted before shutdown resolved: nothing waited for here.
    const final = slack
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'C0GENERAL' && Array.isArray(c.args.blocks));
    expect(JSON.stringify(final?.args.blocks)).toContain('France included');
  }, 60_000);
});
