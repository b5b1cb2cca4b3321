import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';

const oauth = {
  SLACK_CLIENT_ID: '1234567890.0987654321',
  SLACK_CLIENT_SECRET: 'client-secret-abcdef',
  SLACK_SIGNING_SECRET: 'signing-secret-abcdef',
};

describe('"Add to Slack" configuration', () => {
  it('reads the OAuth app from SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET', () => {
    const config = loadConfig(oauth);
    expect(config.slack.oauth).toEqual({
      clientId: oauth.SLACK_CLIENT_ID,
      clientSecret: oauth.SLACK_CLIENT_SECRET,
      signingSecret: oauth.SLACK_SIGNING_SECRET,
      authorizeUrl: 'https://slack.com/oauth/v2/authorize',
    });
    // The signing secret alone is the OAuth app's then, not a half-configured env app.
    expect(config.slack.app).toBeUndefined();
    expect(loadConfig({}).slack.oauth).toBeUndefined();
  });

  it('runs beside the env app, which then still needs its token and workspace', () => {
    const workspace = '6f1c1d6e-0d5f-4a55-9d0e-7d7f8c9b0a1b';
    const both = loadConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1-env', SLACK_WORKSPACE_ID: workspace });
    expect(both.slack.app?.workspaceId).toBe(workspace);
    expect(both.slack.oauth?.clientId).toBe(oauth.SLACK_CLIENT_ID);
    expect(() => loadConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1-env' })).toThrow(
      /SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_WORKSPACE_ID/,
    );
  });

  it('refuses half an OAuth app or a malformed client id, naming the variables, never the secret', () => {
    const missing = () =>
      loadConfig({ SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: 'client-secret-abcdef' });
    expect(missing).toThrow(/SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ ...oauth, SLACK_CLIENT_SECRET: undefined })).toThrow(/Add to Slack/);
    try {
      loadConfig({ ...oauth, SLACK_CLIENT_ID: 'not-an-id' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('SLACK_CLIENT_ID');
      expect(String(error)).not.toContain(oauth.SLACK_CLIENT_SECRET);
    }
  });
});
