import connector from 'botframework-connector';
import type { BotFrameworkEndpoints } from './authentication';
import { createBotCredentialsFactory } from './bot-credentials';
import type { TeamsBot } from './ports';
import { classifyTokenFailure, TeamsTokenError } from './token-failure';

const { AuthenticationConstants } = connector;

/**
 * Proves that the credentials belong to the app id: asks the configured login endpoint for
 * the bot's own Bot Framework token (what every reply needs), as botbuilder would. Throws when
 * no token is issued: a TeamsTokenError (unreachable, timeout, refused or failed, with the HTTP
 * status and the OAuth error code), never the request or the password.
 */
export async function verifyTeamsBot(bot: TeamsBot, endpoints?: BotFrameworkEndpoints): Promise<void> {
  const factory = createBotCredentialsFactory({
    find: async (appId) => (appId === bot.appId ? bot : null),
    hasAny: async () => true,
  });
  let token: string;
  try {
    const credentials = await factory.createCredentials(
      bot.appId,
      endpoints?.oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
      endpoints?.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
      true,
    );
    token = await (credentials as unknown as { getToken(force?: boolean): Promise<string> }).getToken(true);
  } catch (error) {
    throw classifyTokenFailure(error);
  }
  if (!token) throw new TeamsTokenError('failed');
}
