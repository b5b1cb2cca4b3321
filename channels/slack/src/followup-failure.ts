import { fetchFailure } from '@clara/core';
import { slackErrorCode } from './slack-error';

/** A Slack error that will not go away by retrying (the bot left, was removed or lost its token). */
export const permanentSlackErrors = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'team_access_not_granted',
  'thread_not_found',
  'msg_too_long',
  'invalid_blocks',
]);

// Slack's own "the operation may have partly succeeded before the error" answers (ok: false).
const maybeDoneErrors = new Set(['internal_error', 'fatal_error']);

/**
 * A failed follow-up: the Slack error code (never the token), whether retrying may help, and
 * whether Slack may have posted it all the same (`maybeDelivered`: the next attempt looks for
 * it first, `canCheck`).
 */
export class FollowupSendError extends Error {
  override name = 'FollowupSendError';
  readonly canCheck: boolean;
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    readonly maybeDelivered = false,
    canCheck = maybeDelivered,
  ) {
    super(`Slack refused the follow-up: ${code}`);
    this.canCheck = canCheck;
  }
}

/**
 * What a failed Web API call (made with no retries) says about the request: an `ok: false`
 * answer or a 4xx was refused; a timeout, a connection lost after connecting, a 5xx or
 * `internal_error`/`fatal_error` may have been carried out.
 */
export function classifySlackFailure(error: unknown): {
  code: string;
  permanent: boolean;
  maybeDelivered: boolean;
} {
  const e = error as {
    code?: string;
    statusCode?: unknown;
    original?: { name?: string; cause?: { code?: unknown } };
  } | null;
  if (e?.code === 'slack_webapi_request_error') {
    // The WebClient's `timeout` aborts fetch with AbortSignal.timeout: a DOMException "TimeoutError".
    return { ...fetchFailure(e.original), permanent: false };
  }
  if (e?.code === 'slack_webapi_http_error' && typeof e.statusCode === 'number')
    return { code: `http_${e.statusCode}`, permanent: false, maybeDelivered: e.statusCode >= 500 };
  const code = slackErrorCode(error) ?? 'unknown_error';
  return { code, permanent: permanentSlackErrors.has(code), maybeDelivered: maybeDoneErrors.has(code) };
}
