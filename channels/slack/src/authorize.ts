import type { Authorize } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { RequestReceiver } from './request-receiver';

interface BotIdentity {
  botId: string | undefined;
  botUserId: string | undefined;
  teamId: string | undefined;
  enterpriseId: string | undefined;
}

/**
 * Bolt's authorize for many Slack apps: the token comes from the connection whose secret
 * verified the request, the bot's ids from one `auth.test` per token (cached, retried after a
 * failure), which must name the connected team: an unproven connection answers nothing.
 */
export function createAuthorize(
  receiver: RequestReceiver,
  clientOptions: WebClientOptions,
): Authorize<boolean> {
  const identities = new Map<string, Promise<BotIdentity>>();
  const identify = (token: string): Promise<BotIdentity> => {
    let identity = identities.get(token);
    if (!identity) {
      identity = new WebClient(token, clientOptions).auth.test().then((res) => ({
        botId: res.bot_id,
        botUserId: res.user_id,
        teamId: res.team_id,
        enterpriseId: res.enterprise_id,
      }));
      identity.catch(() => identities.delete(token));
      identities.set(token, identity);
    }
    return identity;
  };
  return async (source, body) => {
    const connection = body ? receiver.connectionFor(body) : undefined;
    if (!connection) throw new Error('No verified Slack connection for this event.');
    // A rotating token is refreshed here, once the request is verified, never for a claim alone.
    const botToken = connection.freshBotToken ? await connection.freshBotToken() : connection.botToken;
    const identity = await identify(botToken);
    // The proof a connection owns its team, checked on every use (rows written before proofs
    // existed too): the token's auth.test must name the connected team, or its Grid org.
    if (
      connection.teamId !== null &&
      identity.teamId !== connection.teamId &&
      identity.enterpriseId !== connection.teamId
    ) {
      throw new Error('The connected bot token does not belong to the connected Slack team.');
    }
    // The env app (no team of its own) shares its signing secret with "Add to Slack": a team that
    // installed the app without Clara's state is signed too. Its token serves its own team (or Grid org) only.
    if (
      connection.teamId === null &&
      source.teamId !== undefined &&
      source.teamId !== identity.teamId &&
      !(source.enterpriseId !== undefined && source.enterpriseId === identity.enterpriseId)
    ) {
      throw new Error('The Slack team of this event is not the env app’s team.');
    }
    return {
      botToken,
      botId: identity.botId,
      botUserId: identity.botUserId,
      // Bolt's source: authorizations[0] first (Slack Connect), the envelope's team otherwise.
      teamId: source.teamId ?? identity.teamId,
      enterpriseId: source.enterpriseId ?? identity.enterpriseId,
    };
  };
}
