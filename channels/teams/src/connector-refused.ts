import { ClaraError } from '@clara/core';
import { hostOf } from './connector-unreachable';
import { TeamsTokenError } from './token-failure';

interface RestErrorShape {
  name?: unknown;
  statusCode?: unknown;
  request?: { url?: unknown };
}

/**
 * A send to the activity's `serviceUrl` that the Bot Connector answered with an HTTP error
 * (botframework-connector's RestError: a 4xx, or a 5xx its own retries did not get past). Like an
 * unreachable Bot Connector (connector-unreachable.ts), nothing was answered and nothing of
 * Clara's failed: the `unavailable` ClaraError (503 with Retry-After, one warning naming the host
 * and `http_{status}` as the cause; the claim is released, so a redelivery is answered). Null for
 * any other failure. The error's request (it holds the bearer token) is never kept.
 */
export function connectorRefused(error: unknown, serviceUrl: unknown): ClaraError | null {
  if (error instanceof ClaraError || error instanceof TeamsTokenError) return null;
  const e = error as RestErrorShape | null;
  if (e?.name !== 'RestError' || typeof e.statusCode !== 'number' || e.statusCode < 400) return null;
  // Only a request to the activity's Bot Connector (not, say, another service's).
  const url = e.request?.url;
  if (typeof url === 'string' && hostOf(url) !== hostOf(serviceUrl)) return null;
  return new ClaraError(
    'unavailable',
    `The Bot Connector at this activity’s serviceUrl refused the reply (HTTP ${e.statusCode}); nothing was answered.`,
    { details: { unreachable: { host: hostOf(serviceUrl), cause: `http_${e.statusCode}` } } },
  );
}
