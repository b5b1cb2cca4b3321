import type { TeamsBot } from '@clara/channel-teams';
import type { ChannelProblems } from './channel-config-problems';
import { invalidConfiguration } from './config-error';
import type { Env } from './env-schema';

/** The Teams bot configured by the environment: the channel's TeamsBot, its app type resolved. */
export type TeamsEnvBot = TeamsBot & { appType: NonNullable<TeamsBot['appType']> };

/** Teams as the environment configures it (MICROSOFT_APP_* and TEAMS_*). */
export interface TeamsConfig {
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
  workspaceId: string | undefined;
  endpoints: { openIdMetadataUrl?: string; tokenIssuer?: string; loginUrl?: string; oauthScope?: string };
  /** Hosts besides Microsoft's Bot Connector ones that a stored `serviceUrl` may name (TEAMS_SERVICE_HOSTS). */
  serviceHosts: string[];
  /** The bot of MICROSOFT_APP_* and TEAMS_WORKSPACE_ID, checked whole at start-up; null when MICROSOFT_APP_ID is unset. */
  bot: TeamsEnvBot | null;
}

/** Checks the Teams variables together (a problem goes to `problems`) and builds the section. */
export function teamsConfig(e: Env, problems: ChannelProblems): TeamsConfig {
  const bot = problems.check('Teams', () => teamsEnvBot(e), null);
  // A disabled Teams is off altogether (not the Emulator mode of TEAMS_WORKSPACE_ID alone).
  const off = problems.isDisabled('Teams');
  return {
    appId: off ? undefined : e.MICROSOFT_APP_ID,
    appPassword: off ? undefined : e.MICROSOFT_APP_PASSWORD,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
    appType: e.MICROSOFT_APP_TYPE,
    workspaceId: off ? undefined : e.TEAMS_WORKSPACE_ID,
    endpoints: {
      openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL,
      tokenIssuer: e.TEAMS_TOKEN_ISSUER,
      loginUrl: e.TEAMS_LOGIN_URL,
      oauthScope: e.TEAMS_OAUTH_SCOPE,
    },
    serviceHosts: (e.TEAMS_SERVICE_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    bot,
  };
}

function teamsEnvBot(e: Env): TeamsEnvBot | null {
  if (!e.MICROSOFT_APP_ID) return null;
  if (!e.TEAMS_WORKSPACE_ID)
    throw invalidConfiguration(
      'MICROSOFT_APP_ID is set: set TEAMS_WORKSPACE_ID to the workspace it answers from',
    );
  const appType = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (appType !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD)
    throw invalidConfiguration('MICROSOFT_APP_ID is set: set MICROSOFT_APP_PASSWORD too');
  if (appType !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID)
    throw invalidConfiguration(`MICROSOFT_APP_TYPE=${appType} needs MICROSOFT_APP_TENANT_ID`);
  return {
    appId: e.MICROSOFT_APP_ID,
    workspaceId: e.TEAMS_WORKSPACE_ID,
    appPassword: e.MICROSOFT_APP_PASSWORD,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
    appType,
  };
}
