/* biome-ignore-all lint/suspicious/noExplicitAny: activities are checked by the assertions */
/**
 * The owner's own reply when Clara has no answer (`settings.gap_reply`) reaches Teams: the
 * channel renders the engine's reply, so a question the knowledge base cannot answer gets the
 * owner's words (Emulator mode, the real server, a fake Bot Connector).
 */
import { newConversation, newUser, startFakeBotConnector, teamsActivities } from '@clara/testkit/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithId, newWorkspaceId, postActivity } from '../../test/teams-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';

const own = "I don't know that yet. Call the clinic on 01234 567890 and we'll help.";
const workspaceId = newWorkspaceId();
let server: TestServer;
let connector: Awaited<ReturnType<typeof startFakeBotConnector>>;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startTestServer({ env: { TEAMS_WORKSPACE_ID: workspaceId } });
  await createWorkspaceWithId(server, workspaceId, { gap_reply: own });
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
  await connector?.close();
});

describe("the owner's gap reply in Teams", () => {
  it("answers a question the knowledge base cannot answer with the owner's words", async () => {
    const a = teamsActivities({ serviceUrl: connector.url, botId: '28:clara-emulator-bot' });
    const activity = a.message(newConversation('personal'), newUser('Ada Lovelace'), 'Do you treat horses?');
    expect((await postActivity(server, activity)).status).toBe(200);
    const reply = await connector.waitFor(
      (c) => c.replyToId === activity.id && c.activity.type === 'message',
      10_000,
    );
    expect((reply as any).activity.text.startsWith(own)).toBe(true);
    expect((reply as any).activity.text).not.toContain('passed your question');
  });
});
