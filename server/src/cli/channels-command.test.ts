import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventEnvelope } from '@clara/channel-slack/testing';
import { startFakeSlackApi } from '@clara/testkit/slack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runClara } from '../../test/run-clara';
import { answerIn, postToSlack } from '../../test/slack-test-kit';
import { startTestServer, type TestServer } from '../../test/test-server';
import { decryptKey } from '../vault';
import { channelsCommand } from './channels-command';

const bot = { token: 'xoxb-333-cli-added-token', teamId: 'T0CLI', botId: 'B0CLI', botUserId: 'U0CLI' };
const secret = 'cli-signing-secret-cccc';

const clara = (args: string[], env: Record<string, string>) => runClara(args, env);

let server: TestServer;
let slack: Awaited<ReturnType<typeof startFakeSlackApi>>;

beforeAll(async () => {
  slack = await startFakeSlackApi([bot]);
  server = await startTestServer({ env: { SLACK_API_URL: slack.url } });
});
afterAll(async () => {
  await server.close();
  await slack.close();
});

async function captured(run: () => Promise<void>): Promise<string> {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return text;
}

describe('clara channels', () => {
  it('add-slack seals the credentials, prints no secret, and the server then answers that team', async () => {
    const { workspaceId } = await server.createWorkspace();
    await server.addPairs(workspaceId, [
      { question: 'Where is the office?', answer: 'Our office is in Lisbon.', category: 'general' },
    ]);
    const args = {
      workspace: workspaceId,
      'team-id': bot.teamId,
      'bot-token': bot.token,
      'signing-secret': secret,
    };
    const printed = await captured(() => channelsCommand(server.runtime, 'add-slack', args));
    expect(JSON.parse(printed)).toMatchObject({
      workspace_id: workspaceId,
      channel: 'slack',
      team_id: bot.teamId,
      is_active: true,
    });
    expect(printed).not.toContain(bot.token);
    expect(printed).not.toContain(secret);
    const [row] = await server.db.query<{ encrypted_credentials: string }>(
      "SELECT encrypted_credentials FROM channel_connections WHERE channel = 'slack' AND external_id = $1",
      [bot.teamId],
    );
    expect(row?.encrypted_credentials).not.toContain(bot.token);
    expect(JSON.parse(decryptKey(row?.encrypted_credentials ?? '', server.runtime.masterKey))).toEqual({
      bot_token: bot.token,
      signing_secret: secret,
    });

    const ts = '1800000999.000100';
    const event = {
      type: 'app_mention',
      user: 'U1',
      text: `<@${bot.botUserId}> Where is the office?`,
      ts,
      channel: 'C0HQ',
    };
    expect((await postToSlack(server.url, secret, eventEnvelope(bot.teamId, event))).status).toBe(200);
    expect((await answerIn(slack, 'C0HQ', ts)).text).toContain('Our office is in Lisbon.');

    const listed = await captured(() => channelsCommand(server.runtime, 'list', { workspace: workspaceId }));
    expect(JSON.parse(listed).connections).toHaveLength(1);
    expect(listed).not.toContain(bot.token);
  });

  it('rejects a bad token without echoing it, and prints the manifest', async () => {
    await expect(
      channelsCommand(server.runtime, 'add-slack', {
        workspace: '00000000-0000-4000-8000-000000000000',
        'team-id': 'T1',
        'bot-token': 'oops-secret',
        'signing-secret': 'x',
      }),
    ).rejects.toThrow(/--team-id.*bot token|bot token/);
    // A real token of another team cannot claim this one (auth.test names its own team).
    const workspace = (await server.createWorkspace()).workspaceId;
    await expect(
      channelsCommand(server.runtime, 'add-slack', {
        workspace,
        'team-id': 'T0SQUAT',
        'bot-token': bot.token,
        'signing-secret': secret,
      }),
    ).rejects.toThrow(/belongs to Slack team/);
    const manifest = await captured(() =>
      channelsCommand(server.runtime, 'slack-manifest', { url: 'https://clara.example.com' }),
    );
    expect(manifest).toContain('request_url: "https://clara.example.com/slack/events"');
  });

  it('is wired into the real binary', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clara-channels-cli-'));
    try {
      const env = { CLARA_DATA_DIR: dataDir, SLACK_API_URL: slack.url };
      const ws = await clara(
        ['workspace', 'create', '--email', 'slack@example.com', '--password', 'long enough'],
        env,
      );
      const workspace = JSON.parse(ws.stdout).workspace_id as string;
      const add = await clara(
        [
          'channels',
          'add-slack',
          '--workspace',
          workspace,
          '--team-id',
          bot.teamId,
          '--bot-token',
          bot.token,
          '--signing-secret',
          secret,
        ],
        env,
      );
      expect(add.code).toBe(0);
      expect(JSON.parse(add.stdout)).toMatchObject({ team_id: bot.teamId, workspace_id: workspace });
      expect(add.stdout + add.stderr).not.toContain(bot.token);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Two cold starts of the binary (each opens and migrates an embedded database): about a minute on a busy machine.
  }, 180_000);
});
