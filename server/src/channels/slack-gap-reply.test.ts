/* biome-ignore-all lint/suspicious/noExplicitAny: Slack payloads are checked by the assertions */
/**
 * The gap reply in Slack (the env app, the real server, a fake Slack Web API): the engine's
 * honest default is posted once, without a second "passed on" notice, and the owner's own
 * reply (`settings.gap_reply`) is what a question the knowledge base cannot answer gets.
 */
import { randomUUID } from 'node:crypto';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { type FakeSlackApi, startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIn, postToSlack } from '../../test/slack-test-kit';
import { createWorkspaceWithId } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';

const app = {
  token: 'xoxb-333-gap-app-token',
  secret: 'gap-signing-secret-cccc',
  teamId: 'T0GAP',
  botId: 'B0GAP',
  botUserId: 'U0CLARG',
};
const workspaceId = randomUUID();
let slack: FakeSlackApi;
let server: TestServer;
let seq = 0;

const ask = async (text: string) => {
  const ts = `1900000${String(++seq).padStart(3, '0')}.000100`;
  const event = {
    type: 'app_mention',
    user: 'U0ASKER',
    text: `<@${app.botUserId}> ${text}`,
    ts,
    channel: 'C0CLINIC',
    event_ts: ts,
  };
  expect((await postToSlack(server.url, app.secret, eventEnvelope(app.teamId, event))).status).toBe(200);
  return answerIn(slack, 'C0CLINIC', ts);
};

beforeAll(async () => {
  slack = await startFakeSlackApi([app]);
  server = await startTestServer({
    env: {
      SLACK_SIGNING_SECRET: app.secret,
      SLACK_BOT_TOKEN: app.token,
      SLACK_WORKSPACE_ID: workspaceId,
      SLACK_API_URL: slack.url,
    },
  });
  await createWorkspaceWithId(server, workspaceId);
  await server.addPairs(workspaceId, [
    {
      question: 'What are your opening hours?',
      answer: 'Monday to Friday, 8am to 7pm.',
      category: 'general',
    },
  ]);
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
});

describe('the gap reply in Slack', () => {
  it("posts the honest default once, then the owner's own words once they wrote some", async () => {
    const plain = await ask('Do you treat horses?');
    expect(plain.text).toContain("I've noted your question so the team can add the answer.");
    const blocks = JSON.stringify(plain.final.args.blocks);
    expect(blocks).not.toContain('passed');
    expect(blocks).not.toContain('noted the question for the team');

    const own = "I don't know that yet. Call the clinic on 01234 567890 and we'll help.";
    await server.db.query(
      `UPDATE workspaces SET settings = settings || jsonb_build_object('gap_reply', $2::text) WHERE id = $1`,
      [workspaceId, own],
    );
    const custom = await ask('Do you treat camels?');
    expect(custom.text).toContain('Call the clinic on 01234 567890');
  });
});
