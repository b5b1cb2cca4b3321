import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const workspace = '7d7f0a3e-5b0c-4a43-9a57-1f2a3b4c5d6e';

describe("loadConfig's channels: 'disable' (every CLI command but serve and start)", () => {
  it('leaves an incomplete Teams bot out altogether, not in Emulator mode', () => {
    const env = { MICROSOFT_APP_ID: 'app-1', TEAMS_WORKSPACE_ID: workspace };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const config = loadConfig(env, { channels: 'disable' });
    expect(config.teams.bot).toBeNull();
    expect(config.teams.appId).toBeUndefined();
    expect(config.teams.workspaceId).toBeUndefined();
    expect(config.disabledChannels).toEqual([
      { channel: 'Teams', reason: 'MICROSOFT_APP_ID is set: set MICROSOFT_APP_PASSWORD too' },
    ]);
  });

  it('leaves Slack out when "Add to Slack" or the env app is incomplete or invalid', () => {
    const half = loadConfig({ SLACK_CLIENT_ID: '123.456' }, { channels: 'disable' });
    expect(half.slack.oauth).toBeUndefined();
    expect(half.disabledChannels.map((d) => d.channel)).toEqual(['Slack']);

    const invalid = loadConfig(
      { SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 'x', SLACK_WORKSPACE_ID: workspace },
      { channels: 'disable' },
    );
    expect(invalid.slack.app).toBeUndefined();
    expect(invalid.disabledChannels).toHaveLength(1);
    expect(invalid.disabledChannels[0]?.reason).toMatch(
      /^SLACK_BOT_TOKEN: SLACK_BOT_TOKEN must be a bot token/,
    );
  });

  it('keeps a complete channel and reports nothing', () => {
    const env = { MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'pw', TEAMS_WORKSPACE_ID: workspace };
    const config = loadConfig(env, { channels: 'disable' });
    expect(config.teams.bot?.appId).toBe('app-1');
    expect(config.disabledChannels).toEqual([]);
  });

  it('still refuses a bad variable of no channel', () => {
    expect(() =>
      loadConfig({ SLACK_CLIENT_ID: '123.456', CLARA_SIGNUP: 'sometimes' }, { channels: 'disable' }),
    ).toThrow(/CLARA_SIGNUP/);
  });
});
