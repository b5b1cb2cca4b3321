import { ClaraError } from '@clara/core';
import { WebClient } from '@slack/web-api';

interface WebApiErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  statusCode?: unknown;
  retryAfter?: unknown;
  original?: { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown } };
}

const safeCode = (value: unknown) =>
  typeof value === 'string' && /^[\w.-]{1,60}$/.test(value) ? value : null;

/**
 * auth.test's failure as the owner should read it: no connection or no answer in time (this
 * server's network, "could not reach Slack"), Slack refusing the token (its error code, e.g.
 * invalid_auth), or another HTTP failure. Never the token.
 */
export function authTestError(error: unknown, host = 'slack.com'): ClaraError {
  const e = (error && typeof error === 'object' ? error : {}) as WebApiErrorShape;
  if (e.code === 'slack_webapi_platform_error') {
    const code = safeCode(e.data?.error) ?? 'unknown_error';
    return new ClaraError('validation_failed', `Slack refused the bot token (${code}).`);
  }
  if (e.code === 'slack_webapi_request_error') {
    const original = e.original ?? {};
    const cause = safeCode(original.cause?.code) ?? safeCode(original.code);
    const timedOut =
      original.name === 'AbortError' ||
      original.name === 'TimeoutError' ||
      cause === 'ETIMEDOUT' ||
      cause === 'ECONNABORTED' ||
      cause === 'UND_ERR_CONNECT_TIMEOUT' ||
      /time(d)? ?out/i.test(String(original.message ?? ''));
    return new ClaraError(
      'unavailable',
      timedOut
        ? "Slack did not answer in time: check this server's outbound access (network, DNS, proxy) and try again."
        : `Clara could not reach Slack (${cause ?? 'no connection'}): check this server's outbound access (network, DNS, proxy).`,
      // An expected network failure: logged as a one-line warning naming the host (error-handler).
      { details: { unreachable: { host, cause: timedOut ? 'timeout' : (cause ?? 'no_connection') } } },
    );
  }
  if (e.code === 'slack_webapi_rate_limited_error') {
    return new ClaraError('unavailable', 'Slack is rate limiting auth.test; try again in a minute.');
  }
  if (e.code === 'slack_webapi_http_error' && typeof e.statusCode === 'number') {
    return new ClaraError(
      'unavailable',
      `Slack answered HTTP ${e.statusCode} to auth.test; try again shortly.`,
    );
  }
  return new ClaraError('unavailable', 'Checking the bot token with Slack failed; try again shortly.');
}

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
    throw authTestError(error, new URL(input.apiUrl ?? 'https://slack.com/api/').host);
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
