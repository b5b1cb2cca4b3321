import connector from 'botframework-connector';
import type { BotFrameworkEndpoints } from './authentication';
import { createBotCredentialsFactory } from './bot-credentials';
import type { TeamsBot } from './ports';

const { AuthenticationConstants } = connector;

/**
 * Proves that the credentials belong to the app id: asks the configured login endpoint for
 * the bot's own Bot Framework token (what every reply needs), as botbuilder would. Throws when
 * no token is issued; the error names only the HTTP status, never the request.
 */
export async function verifyTeamsBot(bot: TeamsBot, endpoints?: BotFrameworkEndpoints): Promise<void> {
  const factory = createBotCredentialsFactory({
    find: async (appId) => (appId === bot.appId ? bot : null),
    hasAny: async () => true,
  });
  const credentials = await factory.createCredentials(
    bot.appId,
    endpoints?.oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    endpoints?.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    true,
  );
  const token = await (credentials as unknown as { getToken(force?: boolean): Promise<string> }).getToken(
    true,
  );
  if (!token) throw new Error('No token was issued for this app id.');
}
