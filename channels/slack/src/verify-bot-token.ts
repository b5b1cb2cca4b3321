import { ClaraError } from '@clara/core';
import { WebClient } from '@slack/web-api';

/**
 * Proves that a Slack bot token belongs to the team (or Grid org) it is connected for:
 * `auth.test` must name that team, or that enterprise for an org-wide install (`E…`). Without
 * the proof anyone could claim any team id and its events would be answered from their workspace.
 * Throws ClaraError('validation_failed') naming Slack's error code, never the token.
 */
export async function verifySlackBotToken(input: {
  botToken: string;
  claimedId: string;
  /** Web API base URL; a local fake in tests. */
  apiUrl?: string | undefined;
}): Promise<void> {
  const client = new WebClient(input.botToken, {
    ...(input.apiUrl ? { slackApiUrl: input.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
  let identity: { team_id?: string | undefined; enterprise_id?: string | undefined };
  try {
    identity = await client.auth.test();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? 'unreachable';
    throw new ClaraError('validation_failed', `Slack did not accept the bot token (${code}).`);
  }
  const owns =
    identity.team_id === input.claimedId ||
    (input.claimedId.startsWith('E') && identity.enterprise_id === input.claimedId);
  if (!owns) {
    throw new ClaraError(
      'validation_failed',
      `The bot token belongs to Slack team ${identity.team_id ?? 'unknown'}, not ${input.claimedId}.`,
    );
  }
}
