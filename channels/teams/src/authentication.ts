import { type Activity, CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import connector, { type AuthenticateRequestResult } from 'botframework-connector';
import { createBotCredentialsFactory } from './bot-credentials';
import type { TeamsBotDirectory } from './ports';

const { AuthenticationConstants, AuthenticationError } = connector;

/**
 * Bot Framework endpoints, for private clouds and for tests against local fakes. Unset
 * ones keep Microsoft's public-cloud values.
 */
export interface BotFrameworkEndpoints {
  /** OpenID metadata of the tokens channels send to the bot (`ToBotFromChannelOpenIdMetadataUrl`). */
  openIdMetadataUrl?: string | undefined;
  /** The `iss` those tokens carry (`ToBotFromChannelTokenIssuer`). */
  tokenIssuer?: string | undefined;
  /** Where the bot gets its own tokens for replies (`ToChannelFromBotLoginUrl`). */
  loginUrl?: string | undefined;
  /** The scope of those tokens (`ToChannelFromBotOAuthScope`). */
  oauthScope?: string | undefined;
}

function endpointOptions(endpoints: BotFrameworkEndpoints | undefined): Record<string, string | boolean> {
  const e = endpoints ?? {};
  if (!e.openIdMetadataUrl && !e.tokenIssuer && !e.loginUrl && !e.oauthScope) return {};
  // Once one is set botbuilder takes every parameter as given, so all of them are filled.
  return {
    ToBotFromChannelOpenIdMetadataUrl:
      e.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: e.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: e.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: e.oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * ConfigurationBotFrameworkAuthentication whose every rejected token is an
 * AuthenticationError (CloudAdapter answers 401 for those, but 500 for the plain errors
 * jsonwebtoken throws on a bad signature), with the reason reported to `onRejected`.
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: Record<string, string | boolean>,
    factory: ReturnType<typeof createBotCredentialsFactory>,
    private readonly onRejected: (reason: string) => void,
  ) {
    super(options, factory);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unknown';
      this.onRejected(reason.slice(0, 300));
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('Unauthorized. The token could not be verified.', 401);
    }
  }
}

/** Creates botbuilder's authentication for the bots in the directory. */
export function createTeamsAuthentication(
  bots: TeamsBotDirectory,
  endpoints: BotFrameworkEndpoints | undefined,
  onRejected: (reason: string) => void,
): ConfigurationBotFrameworkAuthentication {
  return new StrictAuthentication(endpointOptions(endpoints), createBotCredentialsFactory(bots), onRejected);
}
