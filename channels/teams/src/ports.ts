import type { ChannelEvents, ChannelPorts, ChatEngine, WorkspaceReader } from '@clara/core';

/** How a bot registration authenticates to Microsoft Entra (the Bot Framework's `MicrosoftAppType`). */
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** One Azure Bot registration bound to a Clara workspace. */
export interface TeamsBot {
  /** The bot's Microsoft App ID (the `aud` of the tokens Teams sends it). */
  appId: string;
  workspaceId: string;
  appPassword?: string | undefined;
  tenantId?: string | undefined;
  appType?: TeamsAppType | undefined;
}

/** Where the channel finds its bots: the environment's bot and `channel_connections` rows. */
export interface TeamsBotDirectory {
  /** The active bot with this app id, or null. */
  find(appId: string): Promise<TeamsBot | null>;
  /** True when at least one bot is registered: then every request needs a valid token. */
  hasAny(): Promise<boolean>;
}

/**
 * Activities already handled (the `channel_events` table), so a redelivered activity is
 * answered once, across restarts too; the contract's `ChannelEvents`, with `release`.
 */
export type TeamsEventLog = Required<ChannelEvents>;

/** What the Teams channel needs from the rest of Clara: the contract's ports, its bots as credentials. */
export interface TeamsChannelDeps
  extends Pick<ChannelPorts<TeamsBotDirectory>, 'credentials' | 'logger' | 'feedback' | 'track'> {
  engine: Pick<ChatEngine, 'turn' | 'stream'>;
  store: WorkspaceReader;
  events: TeamsEventLog;
}
