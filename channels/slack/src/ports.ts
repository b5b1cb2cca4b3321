import type { ChatEngine, ChatStore } from '@clara/core';

/** A Slack app connected to one Clara workspace, with its secrets decrypted in memory only. */
export interface SlackConnection {
  /** The Clara workspace that answers this Slack team. */
  workspaceId: string;
  /** Bot User OAuth Token, `xoxb-…`. */
  botToken: string;
  /** The app's Signing Secret (Basic Information page), used to verify every request. */
  signingSecret: string;
  /**
   * The Slack team (`T…`) this connection serves, or the Enterprise Grid org (`E…`) of an
   * org-wide install; null for the env connection that serves any team.
   */
  teamId: string | null;
  /** False once the app was uninstalled or switched off: its requests are verified, then ignored. */
  active?: boolean | undefined;
  /** The Slack user who installed the app ("Add to Slack"): the Home tab shows them the open gaps. */
  installerUserId?: string | undefined;
  /** A rotating token's current value, refreshed first when it is about to expire. */
  freshBotToken?: (() => Promise<string>) | undefined;
}

/** The installation a request claims (unverified): teams best first, and the Grid org if any. */
export interface SlackInstallationClaim {
  teamIds: readonly string[];
  enterpriseId: string | undefined;
}

/** Finds the connections that may have signed a request. The claim is unverified: it only picks secrets to try. */
export interface SlackConnectionResolver {
  candidates(claim: SlackInstallationClaim): Promise<SlackConnection[]>;
}

/** A category of the knowledge base and how many questions it answers. */
export interface KnowledgeTopic {
  category: string;
  pairs: number;
}

/** Read-only facts about a workspace's knowledge base, for the App Home tab. */
export interface KnowledgeOverview {
  /** The largest categories by active questions, largest first. */
  topCategories(workspaceId: string, limit: number): Promise<KnowledgeTopic[]>;
  /** How many questions wait for an answer (open gaps), shown to the owner on the Home tab. */
  openGaps?(workspaceId: string): Promise<number>;
}

/** Where the Home tab sends the owner to answer open gaps (CLARA_PUBLIC_URL's admin). */
export interface OwnerLinks {
  gapsUrl: string;
}

/** The installations' lifecycle: Slack's app_uninstalled and tokens_revoked switch a connection off. */
export interface SlackInstallations {
  /** Deactivates the workspace's connection for this team or Grid org; false when none was active. */
  deactivate(input: { workspaceId: string; teamId: string; reason: string }): Promise<boolean>;
}

/** What the channel needs from Clara's core: the turn and two reads (and, for App Home, the topics). */
export interface SlackChannelCore {
  engine: Pick<ChatEngine, 'stream'>;
  store: Pick<ChatStore, 'getWorkspace' | 'history'>;
  /** Without it the Home tab shows the suggested questions only. */
  knowledge?: KnowledgeOverview | undefined;
}
