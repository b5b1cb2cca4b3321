import { fetchFailure } from '@clara/core';
import type { Activity } from 'botbuilder';
import connector, { type ServiceClientCredentials } from 'botframework-connector';

const { AppCredentials } = connector;

/**
 * A failed follow-up: the Bot Connector's status or the transport's failure (never the token),
 * whether retrying may help, and whether the Bot Connector may have accepted it all the same
 * (`maybeDelivered`; it offers no way to look the message up afterwards, so `canCheck` is false).
 */
export class TeamsFollowupError extends Error {
  override name = 'TeamsFollowupError';
  readonly canCheck = false;
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    readonly maybeDelivered = false,
  ) {
    super(`The Bot Connector refused the follow-up: ${code}`);
  }
}

function transportFailure(error: unknown): TeamsFollowupError {
  const { code, maybeDelivered } = fetchFailure(error);
  return new TeamsFollowupError(code, false, maybeDelivered);
}

/** The bearer token of the bot's credentials; null for the Emulator's unauthenticated mode. */
async function bearerToken(credentials: ServiceClientCredentials): Promise<string | null> {
  if (!(credentials instanceof AppCredentials)) throw new TeamsFollowupError('unsupported_credentials', true);
  if (!credentials.appId) return null;
  try {
    return await credentials.getToken();
  } catch (error) {
    // Nothing was sent: a token failure is a clear failure, retried.
    const kind = (error as { kind?: unknown }).kind;
    throw new TeamsFollowupError(typeof kind === 'string' ? `token_${kind}` : 'token_failed', false);
  }
}

/**
 * Sends one activity to a conversation with the Bot Connector's "Send to Conversation"
 * (`POST {serviceUrl}/v3/conversations/{conversationId}/activities`), once. botbuilder's own
 * ConnectorClient is not used for this: its pipeline (@azure/core-rest-pipeline's default retry
 * policy) posts the activity again, up to 3 more times, after a reset connection or a 5xx,
 * which the asker would see as repeated messages; and it has no timeout.
 */
export async function postToConversation(options: {
  serviceUrl: string;
  conversationId: string;
  activity: Partial<Activity>;
  credentials: ServiceClientCredentials;
  timeoutMs: number;
}): Promise<{ id: string | null }> {
  const token = await bearerToken(options.credentials);
  const base = options.serviceUrl.replace(/\/+$/, '');
  const url = `${base}/v3/conversations/${encodeURIComponent(options.conversationId)}/activities`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(options.activity),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw transportFailure(error);
  }
  if (response.ok) {
    const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
    return { id: typeof body?.id === 'string' ? body.id : null };
  }
  await response.body?.cancel().catch(() => {});
  const status = response.status;
  // 503: the service (or a gateway before it) turned the request away unprocessed: retried later.
  // Other 5xx: the Bot Connector may have delivered it before failing.
  if (status >= 500 && status !== 503) throw new TeamsFollowupError(`http_${status}`, false, true);
  // 403/404: the bot was removed from the conversation; 401: its credentials are wrong.
  throw new TeamsFollowupError(`http_${status}`, ![408, 429, 503].includes(status));
}
