import { ClaraError } from '@clara/core';
import { classifyTokenFailure, TeamsTokenError } from './token-failure';

/** The host of a serviceUrl for a log line (never its path or query), or a placeholder. */
export function hostOf(serviceUrl: unknown): string {
  if (typeof serviceUrl !== 'string') return 'unknown';
  try {
    return new URL(serviceUrl).hostname || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * A send to the activity's `serviceUrl` (the Bot Connector) that never got an answer: no
 * connection (refused, unknown host, unreachable network) or no answer in time. It becomes the
 * `unavailable` ClaraError other unreachable services give (503 with Retry-After, one warning
 * naming the host and the socket code: the error handler's `details.unreachable`), so Bot
 * Framework may redeliver later; null for any other failure (an HTTP error of the connector, a
 * bug, a failed token request: the login host is not the serviceUrl).
 */
export function connectorUnreachable(error: unknown, serviceUrl: unknown): ClaraError | null {
  if (error instanceof ClaraError || error instanceof TeamsTokenError) return null;
  const failure = classifyTokenFailure(error);
  if (failure.kind !== 'unreachable' && failure.kind !== 'timeout') return null;
  const cause = failure.kind === 'timeout' ? 'timeout' : (failure.code ?? 'no_connection').toLowerCase();
  return new ClaraError(
    'unavailable',
    'The Bot Connector at this activity’s serviceUrl could not be reached; nothing was answered.',
    { details: { unreachable: { host: hostOf(serviceUrl), cause } } },
  );
}
