import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import connector, { type ServiceClientCredentials } from 'botframework-connector';
import { ClientSecretCredentials } from './client-secret-credentials';
import type { TeamsBotDirectory } from './ports';

const {
  AuthenticationConstants,
  GovernmentConstants,
  MicrosoftAppCredentials,
  ServiceClientCredentialsFactory,
} = connector;

function isMicrosoftLogin(loginEndpoint: string): boolean {
  const url = loginEndpoint.toLowerCase();
  return (
    url.startsWith(AuthenticationConstants.ToChannelFromBotLoginUrlPrefix) ||
    url.startsWith(GovernmentConstants.ToChannelFromBotLoginUrlPrefix)
  );
}

/**
 * botbuilder's credentials extension point for several bots: an app id is valid when the
 * directory knows it, authentication is off only while no bot is registered (the
 * Emulator's mode), and replies are signed with the credentials of the bot addressed.
 */
class DirectoryCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly bots: TeamsBotDirectory) {
    super();
  }

  override async isValidAppId(appId: string): Promise<boolean> {
    return Boolean(appId) && (await this.bots.find(appId)) !== null;
  }

  override async isAuthenticationDisabled(): Promise<boolean> {
    return !(await this.bots.hasAny());
  }

  override async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    if (await this.isAuthenticationDisabled()) return MicrosoftAppCredentials.Empty;
    const bot = appId ? await this.bots.find(appId) : null;
    if (!bot) throw new Error('No Teams bot is registered with this app id.');
    if (isMicrosoftLogin(loginEndpoint)) {
      const factory = new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: bot.appId,
        MicrosoftAppPassword: bot.appPassword ?? '',
        MicrosoftAppTenantId: bot.tenantId ?? '',
        MicrosoftAppType: bot.appType ?? 'MultiTenant',
      });
      return factory.createCredentials(appId, audience ?? '', loginEndpoint, validateAuthority);
    }
    if (!bot.appPassword) throw new Error('A private-cloud login URL needs the bot app password.');
    return new ClientSecretCredentials(bot.appId, bot.appPassword, loginEndpoint, audience);
  }
}

/** Creates the credentials factory botbuilder uses to check and sign Bot Framework calls. */
export function createBotCredentialsFactory(
  bots: TeamsBotDirectory,
): connector.ServiceClientCredentialsFactory {
  return new DirectoryCredentialsFactory(bots);
}
