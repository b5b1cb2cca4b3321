import type { ChannelProblems } from './channel-config-problems';
import type { Env } from './env-schema';

/** Slack as the environment configures it (SLACK_*). */
export interface SlackConfig {
  /** The env-configured Slack app, when all of SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_WORKSPACE_ID are set. */
  app: { signingSecret: string; botToken: string; workspaceId: string } | undefined;
  apiUrl: string | undefined;
  /** "Add to Slack": one distributed app (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET); never logged. */
  oauth: { clientId: string; clientSecret: string; signingSecret: string; authorizeUrl: string } | undefined;
}

/** Checks the Slack variables together (a problem goes to `problems`) and builds the section. */
export function slackConfig(e: Env, problems: ChannelProblems): SlackConfig {
  const slackEnv = [e.SLACK_SIGNING_SECRET, e.SLACK_BOT_TOKEN, e.SLACK_WORKSPACE_ID];
  const slackOAuth = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_SIGNING_SECRET];
  if (slackOAuth.slice(0, 2).some(Boolean) && !slackOAuth.every(Boolean)) {
    problems.report(
      'Slack',
      '"Add to Slack" needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET',
    );
  }
  // The signing secret alone is the OAuth app's (with SLACK_CLIENT_ID); otherwise it is the env app's.
  const envApp = slackOAuth.every(Boolean) ? slackEnv.slice(1) : slackEnv;
  if (envApp.some(Boolean) && !slackEnv.every(Boolean)) {
    problems.report(
      'Slack',
      'set all of SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_WORKSPACE_ID, or none',
    );
  }
  const off = problems.isDisabled('Slack');
  return {
    app:
      !off && e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN && e.SLACK_WORKSPACE_ID
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET,
            botToken: e.SLACK_BOT_TOKEN,
            workspaceId: e.SLACK_WORKSPACE_ID,
          }
        : undefined,
    apiUrl: e.SLACK_API_URL,
    oauth:
      !off && e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_SIGNING_SECRET
        ? {
            clientId: e.SLACK_CLIENT_ID,
            clientSecret: e.SLACK_CLIENT_SECRET,
            signingSecret: e.SLACK_SIGNING_SECRET,
            authorizeUrl: e.SLACK_OAUTH_AUTHORIZE_URL,
          }
        : undefined,
  };
}
